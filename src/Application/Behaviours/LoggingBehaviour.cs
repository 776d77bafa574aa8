using System.Diagnostics;
using CertPlatform.Domain.Errors;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Behaviours;

/// <summary>
/// Logs each message's type, duration and outcome. Never the message itself: commands carry passwords and
/// one-time passwords, and a logged request object would write them to ApplicationLog.log.
/// </summary>
public sealed class LoggingBehaviour<TMessage, TResponse>(ILogger<LoggingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var name = typeof(TMessage).Name;
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, cancellationToken);
            logger.LogInformation("{Message} completed in {ElapsedMs:0.0} ms", name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (CertPlatformException ex)
        {
            logger.LogWarning("{Message} refused with {Code} in {ElapsedMs:0.0} ms", name, ex.Error.Code, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The exception type only: messages of lower layers are not ours to vouch for.
            logger.LogError("{Message} failed with {ExceptionType} in {ElapsedMs:0.0} ms", name, ex.GetType().Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            throw;
        }
    }
}
