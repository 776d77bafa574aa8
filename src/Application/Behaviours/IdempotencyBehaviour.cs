using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CertPlatform.Domain.Errors;
using Mediator;

namespace CertPlatform.Application.Behaviours;

/// <summary>
/// A command that a double click must not run twice (issuance, each renewal step): the page sends a fresh
/// <c>X-Request-Id</c> per button press, and requests with the same id share one run and get the same answer.
/// </summary>
public interface IIdempotentCommand
{
    /// <summary>The page's id for one button press; null or empty runs the command as it is.</summary>
    string? RequestId { get; }

    /// <summary>
    /// Everything that makes the request what it is, secrets included: only its SHA-256 is kept, to refuse the same id
    /// with another body (G306e). A method, not a property, so that no record ever prints it.
    /// </summary>
    string Fingerprint();
}

/// <summary>
/// Runs an <see cref="IIdempotentCommand"/> once per request id: a repeat waits for the first run and gets its answer;
/// the same id with another body is G306e. The run is not tied to the first caller's cancellation (a repeat may be
/// waiting on it, and a certificate the CA issued must reach the store). A failed run may be retried with the same id
/// (the user corrects a typo and presses again). Ids are kept ten minutes.
/// </summary>
public sealed class IdempotencyBehaviour<TMessage, TResponse>(TimeProvider time) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IIdempotentCommand { RequestId: { Length: > 0 } requestId } command)
        {
            return await next(message, cancellationToken);
        }

        Prune();
        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(command.Fingerprint()));
        var entry = _entries.GetOrAdd(requestId, _ => new Entry(fingerprint, time.GetUtcNow(), new Lazy<Task<TResponse>>(() => next(message, CancellationToken.None).AsTask())));
        if (!CryptographicOperations.FixedTimeEquals(entry.Fingerprint, fingerprint))
        {
            throw new CertPlatformException(ErrorCatalog.G306e);
        }

        var run = entry.Run.Value;
        _ = run.ContinueWith(
            _ => _entries.TryRemove(new KeyValuePair<string, Entry>(requestId, entry)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return await run.WaitAsync(cancellationToken);
    }

    private void Prune()
    {
        var cutoff = time.GetUtcNow() - Lifetime;
        foreach (var (key, entry) in _entries)
        {
            if (entry.CreatedAt < cutoff)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    private sealed record Entry(byte[] Fingerprint, DateTimeOffset CreatedAt, Lazy<Task<TResponse>> Run);
}
