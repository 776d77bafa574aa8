using CertPlatform.Domain.Launch;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.LocalHost.Hosting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Security;

/// <summary>The localhost API's defences, registered and put in the pipeline in one place (see docs/security.md).</summary>
public static class LocalApiSecurity
{
    public static IServiceCollection AddLocalApiSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HelperOptions>().Bind(configuration.GetSection(HelperOptions.Section))
            .Validate(o => o.BankOrigins.All(IsHttpsOrigin), $"{HelperOptions.Key(nameof(HelperOptions.BankOrigins))} must be https://host[:port] origins without a path.")
            .Validate(o => o.IdleExitMinutes is >= 0 and <= 24 * 60, $"{HelperOptions.Key(nameof(HelperOptions.IdleExitMinutes))} must be from 0 (never) to 1440.")
            .Validate(o => UrlSchemes.IsValid(o.UrlScheme), $"{HelperOptions.Key(nameof(HelperOptions.UrlScheme))} must be a URL scheme: a letter, then letters, digits, + . - (not http, https or file).")
            .ValidateOnStart();
        services.AddOptions<RequestLimitOptions>().Bind(configuration.GetSection(RequestLimitOptions.Section))
            .Validate(o => o.MaxRequestBodyBytes is >= 1024 and <= 1024 * 1024, "Security:MaxRequestBodyBytes must be between 1 KiB and 1 MiB.")
            .Validate(o => IsSane(o.RateLimits.Password) && IsSane(o.RateLimits.Otp),
                "Security:RateLimits:*:PermitLimit must be at least 1 and WindowSeconds between 1 and 3600.")
            .ValidateOnStart();

        services.AddSingleton<HelperAddresses>();
        services.AddSingleton<OriginAllowlist>();
        services.AddSingleton<ApiToken>();
        services.AddHostedService<LoopbackListenerCheck>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RequestLimitOptions>>((limiter, limits) => CredentialAttempts.Configure(limiter, limits.Value.RateLimits));
        services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<RequestLimitOptions>>((kestrel, limits) =>
            {
                kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes;
                // RequestBodyLimit times the body instead and answers 408 G308e as problem+json.
                kestrel.Limits.MinRequestBodyDataRate = null;
                kestrel.AddServerHeader = false;
            });
        return services;
    }

    /// <summary>Headers on every answer, then the guard, the body limit and the rate limits, before anything else runs.</summary>
    public static IApplicationBuilder UseLocalApiSecurity(this IApplicationBuilder app) => app
        .UseSecurityHeaders()
        .UseMiddleware<LocalApiGuard>()
        .UseMiddleware<RequestBodyLimit>()
        .UseRateLimiter();

    private static bool IsHttpsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
        && (uri.AbsolutePath == "/" || uri.AbsolutePath.Length == 0) && string.IsNullOrEmpty(uri.Query) && uri.UserInfo.Length == 0;

    private static bool IsSane(AttemptLimit limit) => limit.PermitLimit >= 1 && limit.WindowSeconds is >= 1 and <= 3600;
}
