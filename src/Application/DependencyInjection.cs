using CertPlatform.Application.Certificates;
using CertPlatform.Application.Renewals;
using CertPlatform.Application.Updates;
using CertPlatform.Application.Updates.CheckUpdate;
using CertPlatform.Application.Updates.Download;
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

        services.AddOptions<RenewalOptions>().Bind(configuration.GetSection(RenewalOptions.Section))
            .Validate(o => o.IdleMinutes is >= 1 and <= 60, "Renewals:IdleMinutes must be between 1 and 60.")
            .ValidateOnStart();
        services.AddSingleton<RenewalSessions>();
        services.AddSingleton<RenewalSteps>();
        AddUpdates(services, configuration);
        return services;
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
