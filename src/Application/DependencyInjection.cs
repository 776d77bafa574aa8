using CertPlatform.Application.Certificates;
using CertPlatform.Application.Checks;
using CertPlatform.Application.Diagnostics;
using CertPlatform.Application.Diagnostics.Checks;
using CertPlatform.Application.Renewals;
using CertPlatform.Application.Updates;
using CertPlatform.Application.Updates.CheckUpdate;
using CertPlatform.Application.Updates.Download;
using CertPlatform.Domain.Updates;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CertificateOptions>().Bind(configuration.GetSection(CertificateOptions.Section))
            .Validate(o => o.RenewalLeadDays is > 0 and < 366, "Certificates:RenewalLeadDays must be between 1 and 365.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddSingleton<IssuedCertificateVerifier>();
        services.AddSingleton<CertificateInstaller>();
        services.AddSingleton<PendingInstallRecovery>();
        services.AddSingleton<KnownRevocations>();

        services.AddOptions<RenewalOptions>().Bind(configuration.GetSection(RenewalOptions.Section))
            .Validate(o => o.IdleMinutes is >= 1 and <= 60, "Renewals:IdleMinutes must be between 1 and 60.")
            .ValidateOnStart();
        services.AddSingleton<RenewalSessions>();
        services.AddSingleton<RenewalSteps>();
        AddUpdates(services, configuration);
        AddDiagnostics(services, configuration);
        return services;
    }

    private static void AddDiagnostics(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiagnosticsOptions>().Bind(configuration.GetSection(DiagnosticsOptions.Section))
            .Validate(o => o.MaxClockSkewSeconds is >= 1 and <= 86_400, "Diagnostics:MaxClockSkewSeconds must be between 1 and 86400.")
            .Validate(o => o.ProbeTimeoutSeconds is >= 1 and <= 120, "Diagnostics:ProbeTimeoutSeconds must be between 1 and 120.")
            .Validate(o => o.BundleLogMegabytes is >= 1 and <= 100, "Diagnostics:BundleLogMegabytes must be between 1 and 100.")
            .ValidateOnStart();
        services.AddSingleton<HelperCheck>();
        services.AddSingleton<StoreCheck>();
        services.AddSingleton<ClockCheck>();
        services.AddSingleton<ConnectionChecks>();
        services.AddSingleton<IFeatureCheck, UpdateFeedCheck>();
        services.AddSingleton<ConflictingSoftwareCheck>();
    }

    private static void AddUpdates(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UpdateOptions>().Bind(configuration.GetSection(UpdateOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UpdateOptions>, UpdateOptionsValidation>();
        services.TryAddSingleton(RunningVersion.OfThisBuild());
        services.AddSingleton<UpdateManifestVerifier>();
        services.AddSingleton<UpdateChecker>();
        services.AddSingleton<UpdateDownload>();
        services.AddHostedService<UpdateCheckAtStart>();
    }
}
