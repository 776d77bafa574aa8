using System.Security.Cryptography;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Renewals;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Renewals;

/// <summary>
/// A renewal the helper keeps between the user's steps: the domain's state machine plus what the helper needs
/// to go on (the center's id for it, the key type for the new key). Only one step of it runs at a time.
/// </summary>
public sealed class RenewalSession(Renewal renewal, KeyAlgorithm keyAlgorithm)
{
    public Renewal Renewal { get; } = renewal;

    public string Id => Renewal.Id;

    public KeyAlgorithm KeyAlgorithm { get; } = keyAlgorithm;

    /// <summary>The center's own id for this renewal, known once it accepted the password.</summary>
    public string? CenterRenewalId { get; set; }

    internal bool StepRunning { get; set; }
}

/// <summary>
/// The renewals in progress, in memory, by a random id. A renewal that has no step for
/// <see cref="RenewalOptions.IdleMinutes"/> expires; a finished one is forgotten. A certificate has at most one
/// renewal open: a second one is refused with G107e until the first finishes or expires.
/// </summary>
public sealed class RenewalSessions(TimeProvider time, IOptions<RenewalOptions> options)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RenewalSession> _sessions = new(StringComparer.Ordinal);

    /// <summary>Opens the renewal of a certificate, already claimed for its first step (see <see cref="Release"/>).</summary>
    /// <exception cref="CertPlatformException">G201e or G202e outside the renewal window, G107e when the certificate is being renewed.</exception>
    public RenewalSession Open(string thumbprint, DateTimeOffset notAfter, CertificateLifetimePolicy policy, KeyAlgorithm keyAlgorithm)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var renewal = Renewal.Start(NewId(), thumbprint, notAfter, policy, now, options.Value.IdleTimeout);
            ExpireIdle(now);
            if (_sessions.Values.Any(s => string.Equals(s.Renewal.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase)))
            {
                throw new CertPlatformException(ErrorCatalog.G107e);
            }

            var session = new RenewalSession(renewal, keyAlgorithm) { StepRunning = true };
            _sessions.Add(session.Id, session);
            return session;
        }
    }

    /// <summary>Claims an open renewal for its next step.</summary>
    /// <exception cref="CertPlatformException">G106e when the id is unknown, finished or timed out; G306e while another step of it runs.</exception>
    public RenewalSession Claim(string renewalId)
    {
        lock (_gate)
        {
            ExpireIdle(time.GetUtcNow());
            if (!_sessions.TryGetValue(renewalId, out var session))
            {
                throw new CertPlatformException(ErrorCatalog.G106e);
            }

            if (session.StepRunning)
            {
                throw new CertPlatformException(ErrorCatalog.G306e);
            }

            session.StepRunning = true;
            return session;
        }
    }

    /// <summary>Ends a step: a finished renewal is forgotten, any other waits for the user's next step.</summary>
    public void Release(RenewalSession session)
    {
        lock (_gate)
        {
            session.StepRunning = false;
            if (session.Renewal.IsFinished)
            {
                _sessions.Remove(session.Id);
            }
        }
    }

    /// <summary>How many renewals are open, for diagnostics and tests.</summary>
    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                ExpireIdle(time.GetUtcNow());
                return _sessions.Count;
            }
        }
    }

    private void ExpireIdle(DateTimeOffset now)
    {
        foreach (var session in _sessions.Values.Where(s => !s.StepRunning && s.Renewal.IsIdleAt(now)).ToList())
        {
            session.Renewal.Expire(now);
            _sessions.Remove(session.Id);
        }
    }

    /// <summary>128 random bits, URL-safe: the id is the only thing that ties the user's steps together.</summary>
    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
