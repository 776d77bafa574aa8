using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Center;
using CertPlatform.Infrastructure.Diagnostics;
using CertPlatform.Infrastructure.Est;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Infrastructure.Keys;
using CertPlatform.Infrastructure.Network;
using CertPlatform.Infrastructure.Revocation;
using CertPlatform.Infrastructure.Sandbox;
using CertPlatform.Infrastructure.Sandbox.Http;
using CertPlatform.Infrastructure.Stores;
using CertPlatform.Infrastructure.Trust;
using CertPlatform.Infrastructure.Updates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var center = configuration.GetSection(CenterOptions.Section).Get<CenterOptions>() ?? new CenterOptions();
        services.AddSingleton(HelperPaths.From(configuration));
        services.AddOptions<CenterOptions>().Bind(configuration.GetSection(CenterOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CenterOptions>, CenterOptionsValidator>();

        var store = configuration.GetSection(StoreOptions.Section).Get<StoreOptions>() ?? new StoreOptions();
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Name), "Store:Name must not be empty.")
            .Validate(o => o.Kind != StoreKind.Nss || OperatingSystem.IsLinux(), "Store:Kind Nss is for Linux; use X509 on Windows and macOS.")
            .ValidateOnStart();
        switch (store.EffectiveKind())
        {
            case StoreKind.Nss:
                services.AddSingleton<ICertificateStore, NssCertificateStore>();
                break;
            default:
                services.AddSingleton<ICertificateStore, X509CertificateStore>();
                break;
        }

        services.AddSingleton<IKeyFactory, PlatformKeyFactory>();

        services.AddSingleton<IInstalledPrograms, UninstallRegistryPrograms>();

        AddSandbox(services, configuration);
        AddUpdates(services, configuration, center.Mode);
        var crl = AddRevocation(services, configuration);
        switch (center.Mode)
        {
            case CenterMode.Embedded:
                services.AddSingleton<ICenterGateway>(sp => sp.GetRequiredService<SandboxCenter>());
                services.AddSingleton<ICertificateAuthority>(sp => sp.GetRequiredService<SandboxCertificateAuthority>());
                services.AddSingleton<ITrustAnchors>(sp => sp.GetRequiredService<SandboxTrustAnchors>());
                services.AddSingleton<IConnectionProbe, EmbeddedConnectionProbe>();
                crl.ConfigurePrimaryHttpMessageHandler(sp => new SandboxCrlHandler(sp.GetRequiredService<SandboxCrl>()));
                break;
            case CenterMode.Remote:
                AddRemote(services, configuration);
                services.AddSingleton<IConnectionProbe, RemoteConnectionProbe>();
                crl.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<PeerHandlerFactory>().Create());
                break;
            default:
                throw new InvalidOperationException($"Center:Mode {center.Mode} is not available in this build.");
        }

        return services;
    }

    /// <summary>Revocation status from the CA's CRL; the caller gives the CRL client its way to the CA (in-process or the network).</summary>
    private static IHttpClientBuilder AddRevocation(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RevocationOptions>().Bind(configuration.GetSection(RevocationOptions.Section))
            .Validate(o => o.CrlCacheMinutes is >= 0 and <= 24 * 60, "Revocation:CrlCacheMinutes must be between 0 and 1440.")
            .Validate(o => o.FetchTimeoutSeconds is >= 1 and <= 60, "Revocation:FetchTimeoutSeconds must be between 1 and 60.")
            .Validate(o => o.RetryAfterFailureSeconds is >= 0 and <= 3600, "Revocation:RetryAfterFailureSeconds must be between 0 and 3600.")
            .ValidateOnStart();
        services.AddSingleton<IRevocationStatus, CrlRevocationStatus>();
        return services.AddHttpClient(CrlRevocationStatus.ClientName, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.MaxResponseContentBufferSize = CrlRevocationStatus.MaxCrlBytes;
            })
            .SetHandlerLifetime(TimeSpan.FromMinutes(5));
    }

    private static void AddUpdates(IServiceCollection services, IConfiguration configuration, CenterMode mode)
    {
        services.AddSingleton<IUpdateFeed, HttpUpdateFeed>();
        services.AddSingleton<IUpdateInstaller, SideBySideInstaller>();
        var client = services.AddHttpClient(HttpUpdateFeed.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);

        services.AddOptions<SandboxFeedOptions>().Bind(configuration.GetSection(SandboxFeedOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.LatestVersion) || SemanticVersion.TryParse(o.LatestVersion, out _), "Sandbox:Updates:LatestVersion must be a semantic version.")
            .Validate(o => string.IsNullOrWhiteSpace(o.MinimumSupportedVersion) || SemanticVersion.TryParse(o.MinimumSupportedVersion, out _), "Sandbox:Updates:MinimumSupportedVersion must be a semantic version.")
            .Validate(o => o.ExpiresDays is >= 2 and <= 365, "Sandbox:Updates:ExpiresDays must be between 2 and 365.")
            .ValidateOnStart();
        services.AddSingleton<SandboxFeedKey>();
        services.AddSingleton<SandboxUpdateFeed>();

        // Embedded mode without a feed of the bank's: the sandbox feed, in-process, with its key pinned.
        if (mode == CenterMode.Embedded && string.IsNullOrWhiteSpace(configuration[$"{UpdateOptions.Section}:{nameof(UpdateOptions.FeedUrl)}"]))
        {
            var port = configuration.GetValue("Helper:Port", 52235);
            client.ConfigurePrimaryHttpMessageHandler(sp => new SandboxFeedHandler(sp.GetRequiredService<SandboxUpdateFeed>()));
            services.AddOptions<UpdateOptions>().PostConfigure<SandboxFeedKey>((o, key) =>
            {
                o.FeedUrl = $"http://127.0.0.1:{port}{SandboxUpdateFeed.BasePath}{SandboxUpdateFeed.ManifestFile}";
                o.PublicKeyPem = key.PublicKeyPem;
                o.PublicKeyPath = null;
            });
        }
    }

    /// <summary>The bank's center over HTTPS and its CA over EST, through the configured proxy and TLS trust.</summary>
    private static void AddRemote(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        services.AddOptions<EstOptions>().Bind(configuration.GetSection(EstOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EstOptions>, EstOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TlsServerTrust>();
        services.AddSingleton<PeerHandlerFactory>();
        services.AddSingleton<ITrustAnchors, RemoteTrustAnchors>();

        // Typed clients, captured by the singleton handlers for the helper's lifetime; the primary handler recycles
        // its connections itself (PeerHandlerFactory), so a long-lived client still follows DNS changes.
        services.AddHttpClient<ICenterGateway, HttpCenterGateway>((sp, client) =>
                sp.GetRequiredService<PeerHandlerFactory>().ConfigureClient(client, sp.GetRequiredService<IOptions<CenterOptions>>().Value.BaseAddress))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<PeerHandlerFactory>().Create())
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddHttpClient<ICertificateAuthority, EstClient>((sp, client) =>
                sp.GetRequiredService<PeerHandlerFactory>().ConfigureClient(client, sp.GetRequiredService<IOptions<EstOptions>>().Value.EstRoot))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<PeerHandlerFactory>().Create())
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
    }

    private static void AddSandbox(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.Section))
            .Validate(o => o.CertificateLifetimeDays is >= 1 and <= 3650, "Sandbox:CertificateLifetimeDays must be between 1 and 3650.")
            .Validate(o => o.BankCode.Length > 0 && o.BankCode.All(char.IsAsciiDigit), "Sandbox:BankCode must be digits.")
            .Validate(o => o.LockoutThreshold >= 1, "Sandbox:LockoutThreshold must be at least 1.")
            .Validate(o => o.RenewalLifetimeSeconds is >= 60 and <= 3600, "Sandbox:RenewalLifetimeSeconds must be between 60 and 3600.")
            .ValidateOnStart();
        services.AddSingleton<SandboxCaKeys>();
        services.AddSingleton<SandboxTickets>();
        services.AddSingleton<SandboxAccounts>();
        services.AddSingleton<SandboxTokens>();
        services.AddSingleton<SandboxRegistry>();
        services.AddSingleton<SandboxCenter>();
        services.AddSingleton<SandboxCertificateAuthority>();
        services.AddSingleton<SandboxTrustAnchors>();
        services.AddSingleton<SandboxCrl>();
        services.AddSingleton(new SandboxCrlDistribution(configuration.GetValue("Helper:Port", 52235)));
        services.AddSingleton<Sandbox.Bank.SandboxBank>();

        services.AddOptions<SandboxHttpsOptions>().Bind(configuration.GetSection(SandboxHttpsOptions.Section))
            .Validate(o => o.Port is >= 0 and <= 65535, "Sandbox:Https:Port must be between 0 and 65535.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SandboxHttpsServer>();
        services.AddHostedService<SandboxHttpsHostedService>();
    }
}
