using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// The NSS store Chromium reads (<c>~/.pki/nssdb</c>), with every Firefox profile's database beside it
/// (<see cref="FirefoxProfiles"/>, unless <c>Store:FirefoxProfiles</c> is false). Listing and finding go by the
/// Chromium database; a certificate is added to it first (a failure there is the user's error, nothing else is
/// touched) and then to each profile, and removed from all. A profile that cannot take it (a database another
/// program holds locked) is logged and skipped: Chromium's copy stands, and the user can issue again later.
/// </summary>
public sealed class BrowserProfilesStore : ICertificateStore
{
    private readonly NssCertificateStore _primary;
    private readonly IReadOnlyList<NssCertificateStore> _profiles;
    private readonly ILogger<BrowserProfilesStore> _logger;

    public BrowserProfilesStore(IOptions<StoreOptions> options, ILoggerFactory loggers)
        : this(options, loggers, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
    {
    }

    internal BrowserProfilesStore(IOptions<StoreOptions> options, ILoggerFactory loggers, string home)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var settings = options.Value;
        var nssLogger = loggers.CreateLogger<NssCertificateStore>();
        _primary = new NssCertificateStore(settings.ResolveNssDatabase(), settings.NssToolsDirectory, nssLogger, settings.NssLibrary);
        _profiles = settings.FirefoxProfiles
            ? [.. FirefoxProfiles.Find(home).Select(p => new NssCertificateStore(p, settings.NssToolsDirectory, nssLogger, settings.NssLibrary))]
            : [];
        _logger = loggers.CreateLogger<BrowserProfilesStore>();
    }

    internal BrowserProfilesStore(NssCertificateStore primary, IReadOnlyList<NssCertificateStore> profiles, ILogger<BrowserProfilesStore> logger)
    {
        _primary = primary;
        _profiles = profiles;
        _logger = logger;
    }

    public string Description => _profiles.Count == 0
        ? _primary.Description
        : $"{_primary.Description} and {_profiles.Count} Firefox profile(s)";

    /// <summary>The Firefox profiles' databases the certificate also goes into.</summary>
    public IReadOnlyList<string> ProfileDatabases => [.. _profiles.Select(p => p.Database)];

    public IReadOnlyList<X509Certificate2> List() => _primary.List();

    public void WarmUp()
    {
        _primary.WarmUp();
        foreach (var profile in _profiles)
        {
            profile.WarmUp();
        }
    }

    public bool HoldsPrivateKeyOf(X509Certificate2 certificate) => _primary.HoldsPrivateKeyOf(certificate);

    public X509Certificate2? Find(string thumbprint) => _primary.Find(thumbprint);

    public void Add(X509Certificate2 certificateWithKey)
    {
        ArgumentNullException.ThrowIfNull(certificateWithKey);
        _primary.Add(certificateWithKey);
        ForEachProfile(profile => profile.Add(certificateWithKey), new EventId(2310, "FirefoxProfileSkipped"), "added to", certificateWithKey.Thumbprint);
    }

    public void Remove(string thumbprint)
    {
        _primary.Remove(thumbprint);
        ForEachProfile(profile => profile.Remove(thumbprint), new EventId(2311, "FirefoxProfileNotCleaned"), "removed from", thumbprint);
    }

    /// <summary>Each Firefox profile in turn; one that fails is logged and the others still get their turn.</summary>
    private void ForEachProfile(Action<NssCertificateStore> action, EventId eventId, string what, string thumbprint)
    {
        foreach (var profile in _profiles)
        {
            try
            {
                action(profile);
            }
            catch (CertPlatformException ex)
            {
                _logger.LogWarning(eventId,
                    "The certificate {Thumbprint} could not be {What} the Firefox profile {Profile} ({Code}); is Firefox holding its database locked? {Primary} has its own copy",
                    thumbprint, what, profile.Database, ex.Error.Code, _primary.Database);
            }
        }
    }
}
