using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CertPlatform.Application.Certificates;
using CertPlatform.Domain.Errors;

namespace CertPlatform.LocalHost.Endpoints;

/// <summary>
/// A double click must not issue twice: requests that carry the same <c>X-Request-Id</c> share one issuance and
/// get the same answer. The same id with a different body is refused with G306e. Entries live ten minutes.
/// </summary>
public sealed class IssueRequestDeduplicator(TimeProvider time)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Task<IssuedCertificate> RunOnceAsync(string? requestId, string fingerprintSource, Func<Task<IssuedCertificate>> issue)
    {
        if (string.IsNullOrWhiteSpace(requestId))
        {
            return issue();
        }

        Prune();
        var fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(fingerprintSource));
        var entry = _entries.GetOrAdd(requestId, _ => new Entry(fingerprint, time.GetUtcNow(), new Lazy<Task<IssuedCertificate>>(issue)));
        if (!CryptographicOperations.FixedTimeEquals(entry.Fingerprint, fingerprint))
        {
            throw new CertPlatformException(ErrorCatalog.G306e);
        }

        var task = entry.Work.Value;
        // A failed attempt may be retried with the same id (the user corrects a typo and presses again).
        task.ContinueWith(
            t => _entries.TryRemove(new KeyValuePair<string, Entry>(requestId, entry)),
            CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        return task;
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

    private sealed record Entry(byte[] Fingerprint, DateTimeOffset CreatedAt, Lazy<Task<IssuedCertificate>> Work);
}
