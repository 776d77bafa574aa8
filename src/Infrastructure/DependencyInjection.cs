using CertPlatform.Application.Ports;
using CertPlatform.Infrastructure.Center;
using CertPlatform.Infrastructure.Diagnostics;
using CertPlatform.Infrastructure.Est;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Infrastructure.Keys;
using CertPlatform.Infrastructure.Network;
using CertPlatform.Infrastructure.Revocation;
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
                services.AddSingleton<ICertificateStore, BrowserProfilesStore>();
                break;
            default:
                services.AddSingleton<ICertificateStore, X509CertificateStore>();
                break;
        }

        services.AddOptions<KeyOptions>().Bind(configuration.GetSection(KeyOptions.Section)).ValidateOnStart();
        services.AddSingleton<PlatformKeyFactory>();
        services.AddSingleton<IKeyFactory>(sp => sp.GetRequiredService<PlatformKeyFactory>());
        services.AddSingleton<HelperRecords>();
        services.AddSingleton<IPendingInstalls>(sp => sp.GetRequiredService<HelperRecords>());

        services.AddSingleton<IInstalledPrograms, UninstallRegistryPrograms>();

        // The proxy settings and the proxy sign-in screen's credentials, in both modes: the update feed goes through them too.
        services.AddOptions<NetworkOptions>().Bind(configuration.GetSection(NetworkOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NetworkOptions>, NetworkOptionsValidator>();
        services.AddSingleton<ProxyCredentials>();
        services.AddSingleton<IProxyCredentials>(sp => sp.GetRequiredService<ProxyCredentials>());

        AddUpdates(services);
        var crl = AddRevocation(services, configuration);
        switch (CenterOptions.ModeOf(configuration))
        {
            case CenterMode.Embedded:
                // The embedded sandbox answers the center, CA and trust ports: the composition root adds it (AddSandbox).
                break;
            case CenterMode.Remote:
                AddRemote(services, configuration);
                services.AddSingleton<IConnectionProbe, RemoteConnectionProbe>();
                crl.ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<PeerHandlerFactory>().Create());
                break;
            default:
                throw new InvalidOperationException($"Center:Mode {CenterOptions.ModeOf(configuration)} is not available in this build.");
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

    private static void AddUpdates(IServiceCollection services)
    {
        services.AddSingleton<IUpdateFeed, HttpUpdateFeed>();
        services.AddSingleton<IUpdateInstaller, SideBySideInstaller>();
        services.AddSingleton<IVersionHistory, VersionHistory>();
        services.AddHttpClient(HttpUpdateFeed.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                // The feed may sit behind a CDN's redirects, as before: the manifest is signed and the package hashed.
                var handler = PeerHandlerFactory.CreateWithSystemTrust(
                    sp.GetRequiredService<IOptions<NetworkOptions>>().Value, sp.GetRequiredService<ProxyCredentials>());
                handler.AllowAutoRedirect = true;
                return handler;
            });
    }

    /// <summary>The bank's center over HTTPS and its CA over EST, through the configured proxy and TLS trust.</summary>
    private static void AddRemote(IServiceCollection services, IConfiguration configuration)
    {
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
}
