using CertPlatform.Application.Updates;
using CertPlatform.Domain.Errors;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Behaviours;

/// <summary>
/// The one place that enforces a mandatory update: a command marked <see cref="IRequiresSupportedVersion"/> is
/// refused with G408e while the verified manifest says the running version is below the minimum supported one.
/// An unreachable feed or a refused manifest does not block (see <see cref="UpdateChecker.RecentAsync"/>).
/// </summary>
public sealed class SupportedVersionBehaviour<TMessage, TResponse>(UpdateChecker checker, ILogger<SupportedVersionBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IRequiresSupportedVersion)
        {
            var check = await checker.RecentAsync(cancellationToken);
            if (check is { Mandatory: true })
            {
                logger.LogWarning("{Message} refused: running {Running} is below the minimum supported {Minimum}",
                    typeof(TMessage).Name, check.Running, check.Manifest!.MinimumSupportedVersion);
                throw new CertPlatformException(ErrorCatalog.G408e);
            }
        }

        return await next(message, cancellationToken);
    }
}
