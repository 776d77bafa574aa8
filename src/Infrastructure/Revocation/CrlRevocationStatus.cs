using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Revocation;

/// <summary>
/// Revocation status from the CA's CRL, found through each certificate's CRL Distribution Points and checked against
/// the configured issuing CA, plus the revocations the center confirmed to this helper. CRLs are cached (their
/// nextUpdate or <c>Revocation:CrlCacheMinutes</c>, whichever is sooner); a fetch that fails keeps the last good list
/// and is not tried again for <c>Revocation:RetryAfterFailureSeconds</c>, so a CA that cannot be reached neither
/// breaks nor slows down every look at the certificate list.
/// </summary>
public sealed class CrlRevocationStatus(
    IHttpClientFactory clients,
    ITrustAnchors trustAnchors,
    IOptions<RevocationOptions> options,
    TimeProvider time,
    ILogger<CrlRevocationStatus> logger)
    : IRevocationStatus
{
    public const string ClientName = "crl";

    /// <summary>A CRL of a bank's customers is a few kilobytes to a few megabytes; anything larger is not read.</summary>
    public const int MaxCrlBytes = 16 * 1024 * 1024;

    private static readonly EventId CrlUnavailable = new(2130, "CrlUnavailable");

    private readonly ConcurrentDictionary<string, byte> _confirmed = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CachedCrl> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _fetching = new(1, 1);

    public void Revoked(string thumbprint) => _confirmed[thumbprint] = 0;

    public async Task<IReadOnlySet<string>> RevokedAmongAsync(IReadOnlyList<X509Certificate2> certificates, CancellationToken cancellationToken)
    {
        var revoked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var certificate in certificates)
        {
            if (_confirmed.ContainsKey(certificate.Thumbprint))
            {
                revoked.Add(certificate.Thumbprint);
                continue;
            }

            if (!options.Value.CheckCrl || trustAnchors.IssuerOf(certificate) is not { } issuer)
            {
                continue;
            }

            // The points are alternatives for one list: the first that gives a list signed by the issuer answers.
            foreach (var location in CrlDistributionPoints.Of(certificate))
            {
                if (await CrlAsync(location, issuer, cancellationToken) is { } crl)
                {
                    if (crl.Lists(certificate))
                    {
                        revoked.Add(certificate.Thumbprint);
                    }

                    break;
                }
            }
        }

        return revoked;
    }

    /// <summary>The list at <paramref name="location"/> signed by <paramref name="issuer"/>: cached, fetched, or the last good one.</summary>
    private async Task<CrlDocument?> CrlAsync(Uri location, X509Certificate2 issuer, CancellationToken cancellationToken)
    {
        var key = location.AbsoluteUri;
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var cached) && (now < cached.FreshUntil || now < cached.RetryAt))
            {
                return cached.SignedBy(issuer);
            }
        }

        await _fetching.WaitAsync(cancellationToken);
        try
        {
            now = time.GetUtcNow();
            CachedCrl? previous;
            lock (_gate)
            {
                // Another caller may have fetched it while this one waited.
                if (_cache.TryGetValue(key, out previous) && (now < previous.FreshUntil || now < previous.RetryAt))
                {
                    return previous.SignedBy(issuer);
                }
            }

            var fetched = await FetchAsync(location, issuer, cancellationToken);
            var settings = options.Value;
            var entry = fetched is not null
                ? new CachedCrl(fetched, issuer.Thumbprint, FreshUntil(fetched, now, settings), null)
                : (previous ?? new CachedCrl(null, null, DateTimeOffset.MinValue, null)) with { RetryAt = now.AddSeconds(settings.RetryAfterFailureSeconds) };
            lock (_gate)
            {
                _cache[key] = entry;
            }

            return entry.SignedBy(issuer);
        }
        finally
        {
            _fetching.Release();
        }
    }

    private static DateTimeOffset FreshUntil(CrlDocument crl, DateTimeOffset now, RevocationOptions settings)
    {
        var cacheLimit = now.AddMinutes(settings.CrlCacheMinutes);
        return crl.NextUpdate is { } next && next < cacheLimit ? next : cacheLimit;
    }

    private async Task<CrlDocument?> FetchAsync(Uri location, X509Certificate2 issuer, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.Value.FetchTimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        string reason;
        try
        {
            var client = clients.CreateClient(ClientName);
            using var response = await client.GetAsync(location, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                reason = $"HTTP {(int)response.StatusCode}";
            }
            else if (response.Content.Headers.ContentLength > MaxCrlBytes)
            {
                reason = "too large";
            }
            else
            {
                var bytes = await ReadLimitedAsync(response.Content, linked.Token);
                var crl = bytes is null ? null : CrlDocument.Parse(bytes);
                if (crl is not null && crl.IsSignedBy(issuer))
                {
                    logger.LogDebug("CRL of {Issuer} from {CrlLocation}: {Count} revoked, next update {NextUpdate}", issuer.Subject, location, crl.RevokedSerialNumbers.Count, crl.NextUpdate);
                    return crl;
                }

                reason = crl is null ? "too large" : "not signed by the issuing CA";
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            reason = $"no answer within {options.Value.FetchTimeoutSeconds} s";
        }
        catch (HttpRequestException ex)
        {
            reason = $"{ex.HttpRequestError}";
        }
        catch (InvalidDataException)
        {
            reason = "not a CRL";
        }

        logger.LogWarning(CrlUnavailable, "CRL at {CrlLocation} could not be used ({Reason}); revocation status stays as last known", location, reason);
        return null;
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxCrlBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>A list as last fetched, the issuer it was verified against, until when it is fresh, and after a failure when to try again.</summary>
    private sealed record CachedCrl(CrlDocument? Crl, string? VerifiedIssuer, DateTimeOffset FreshUntil, DateTimeOffset? RetryAt)
    {
        public CrlDocument? SignedBy(X509Certificate2 issuer) =>
            Crl is null ? null
            : string.Equals(VerifiedIssuer, issuer.Thumbprint, StringComparison.OrdinalIgnoreCase) || Crl.IsSignedBy(issuer) ? Crl
            : null;
    }
}
