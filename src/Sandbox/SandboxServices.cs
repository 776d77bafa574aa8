using System.Text.Json;
using System.Text.Json.Serialization;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Diagnostics;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Infrastructure.Revocation;
using CertPlatform.Infrastructure.Updates;
using CertPlatform.Sandbox.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CertPlatform.Sandbox;

/// <summary>
/// The embedded sandbox, wired into a helper by one pair of calls that the composition root makes only in Embedded
/// mode: <see cref="AddSandbox"/> registers the sandbox's center, CA and trust anchors as the helper's ports, its CRL
/// and update feed as the in-process peers of the real CRL and feed clients, and its HTTPS server (center, EST, bank
/// pages) with the helper; <see cref="MapSandbox"/> maps what the helper itself serves for the sandbox.
/// </summary>
public static class SandboxServices
{
    public static IServiceCollection AddSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>().Bind(configuration.GetSection(SandboxOptions.Section))
            .Validate(o => o.CertificateLifetimeDays is >= 1 and <= 3650, "Sandbox:CertificateLifetimeDays must be between 1 and 3650.")
            .Validate(o => o.BankCode.Length > 0 && o.BankCode.All(char.IsAsciiDigit), "Sandbox:BankCode must be digits.")
            .Validate(o => o.LockoutThreshold >= 1, "Sandbox:LockoutThreshold must be at least 1.")
            .Validate(o => o.RenewalLifetimeSeconds is >= 60 and <= 3600, "Sandbox:RenewalLifetimeSeconds must be between 60 and 3600.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SandboxCaKeys>();
        // The first hosted service of all: the reset and the root's check come before anything uses the sandbox
        // (the update check at start reads the sandbox feed).
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, SandboxStartCheck>());
        services.AddSingleton<SandboxTickets>();
        services.AddSingleton<SandboxAccounts>();
        services.AddSingleton<SandboxTokens>();
        services.AddSingleton<SandboxRegistry>();
        services.AddSingleton<SandboxCenter>();
        services.AddSingleton<SandboxCertificateAuthority>();
        services.AddSingleton<SandboxTrustAnchors>();
        services.AddSingleton<SandboxCrl>();
        services.AddSingleton(new SandboxCrlDistribution(HelperOptions.PortOf(configuration)));
        services.AddSingleton<Bank.SandboxBank>();

        // The helper's ports, answered in-process.
        services.AddSingleton<ICenterGateway>(sp => sp.GetRequiredService<SandboxCenter>());
        services.AddSingleton<ICertificateAuthority>(sp => sp.GetRequiredService<SandboxCertificateAuthority>());
        services.AddSingleton<ITrustAnchors>(sp => sp.GetRequiredService<SandboxTrustAnchors>());
        services.AddSingleton<IConnectionProbe, EmbeddedConnectionProbe>();
        services.AddHttpClient(CrlRevocationStatus.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SandboxCrlHandler(sp.GetRequiredService<SandboxCrl>()));

        AddFeed(services, configuration);

        services.AddOptions<Bank.SandboxDownloadOptions>().Bind(configuration.GetSection(Bank.SandboxDownloadOptions.Section));
        services.AddSingleton<Bank.SandboxDownloads>();
        services.AddOptions<SandboxHttpsOptions>().Bind(configuration.GetSection(SandboxHttpsOptions.Section))
            .Validate(o => o.Port is >= 0 and <= 65535, "Sandbox:Https:Port must be between 0 and 65535.")
            .Validate(o => o.BankHelperUrl is null || SandboxHttpsOptions.IsLoopbackHttpUrl(o.BankHelperUrl),
                "Sandbox:Https:BankHelperUrl must be an http(s) address on this PC, such as http://127.0.0.1:52235/.")
            .ValidateOnStart();
        services.AddSingleton<SandboxHttpsServer>();
        services.AddSingleton<IBankOriginSource>(sp => sp.GetRequiredService<SandboxHttpsServer>());
        services.AddHostedService<SandboxHttpsHostedService>();

        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(SandboxJsonContext.Default));
        return services;
    }

    /// <summary>
    /// What the helper serves for the sandbox on its own address: the demo tokens (the renewal's OTP steps), the
    /// demo update feed and the sandbox CA's CRL that the certificates' CRL Distribution Points name.
    /// </summary>
    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app, string apiPrefix)
    {
        app.MapGroup(apiPrefix).MapSandboxTokens();

        app.MapGet(SandboxUpdateFeed.BasePath + "{file}", GetFeedFile)
            .WithName("GetSandboxUpdateFeedFile")
            .WithSummary("The sandbox update feed: manifest.json, manifest.json.sig (base64 DER ECDSA P-256) and the demo package")
            .WithTags("Sandbox");

        app.MapGet(SandboxCrl.HelperPath, (SandboxCrl crl) => TypedResults.Bytes(crl.Current(), SandboxCrl.ContentType))
            .WithName("GetSandboxCrl")
            .WithSummary("The sandbox CA's certificate revocation list (DER, signed by the sandbox root)")
            .WithTags("Sandbox");
        return app;
    }

    private static IResult GetFeedFile(string file, SandboxUpdateFeed feed) =>
        feed.Find(file) is { } found
            ? TypedResults.Bytes(found.Content, found.ContentType, enableRangeProcessing: true)
            : TypedResults.NotFound();

    /// <summary>The sandbox's demo feed, in-process with its key pinned, unless the bank's own feed is configured.</summary>
    private static void AddFeed(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxFeedOptions>().Bind(configuration.GetSection(SandboxFeedOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.LatestVersion) || SemanticVersion.TryParse(o.LatestVersion, out _), "Sandbox:Updates:LatestVersion must be a semantic version.")
            .Validate(o => string.IsNullOrWhiteSpace(o.MinimumSupportedVersion) || SemanticVersion.TryParse(o.MinimumSupportedVersion, out _), "Sandbox:Updates:MinimumSupportedVersion must be a semantic version.")
            .Validate(o => o.ExpiresDays is >= 2 and <= 365, "Sandbox:Updates:ExpiresDays must be between 2 and 365.")
            .Validate(o => string.IsNullOrWhiteSpace(o.PackagePath) || File.Exists(o.PackagePath), "Sandbox:Updates:PackagePath must name an existing update package (scripts/package.sh --update-only builds one).")
            .ValidateOnStart();
        services.AddSingleton<SandboxFeedKey>();
        services.AddSingleton<SandboxUpdateFeed>();

        if (!string.IsNullOrWhiteSpace(configuration[$"{UpdateOptions.Section}:{nameof(UpdateOptions.FeedUrl)}"]))
        {
            return;
        }

        var port = HelperOptions.PortOf(configuration);
        services.AddHttpClient(HttpUpdateFeed.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SandboxFeedHandler(sp.GetRequiredService<SandboxUpdateFeed>()));
        services.AddOptions<UpdateOptions>().PostConfigure<SandboxFeedKey>((o, key) =>
        {
            o.FeedUrl = $"http://127.0.0.1:{port}{SandboxUpdateFeed.BasePath}{SandboxUpdateFeed.ManifestFile}";
            o.PublicKeyPem = key.PublicKeyPem;
            o.PublicKeyPath = null;
        });
    }
}

/// <summary>The sandbox endpoints' JSON contracts, generated at build time as the helper's own are.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(TokenDisplay))]
[JsonSerializable(typeof(IssuedRecord))]
[JsonSerializable(typeof(Bank.SandboxBankEndpoints.PasswordLogin))]
[JsonSerializable(typeof(Bank.SandboxBankEndpoints.BankConfig))]
[JsonSerializable(typeof(Bank.SandboxBankEndpoints.SessionView))]
[JsonSerializable(typeof(Bank.SandboxBankEndpoints.BankProblem))]
[JsonSerializable(typeof(IReadOnlyList<Bank.SandboxDownload>))]
internal sealed partial class SandboxJsonContext : JsonSerializerContext;
