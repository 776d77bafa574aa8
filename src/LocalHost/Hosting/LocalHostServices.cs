using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using CertPlatform.Application.Behaviours;
using CertPlatform.Application.Updates;
using CertPlatform.LocalHost.Endpoints;
using CertPlatform.LocalHost.Errors;
using CertPlatform.LocalHost.Security;
using CertPlatform.LocalHost.Support;
using Microsoft.OpenApi.Models;

namespace CertPlatform.LocalHost.Hosting;

public static class LocalHostServices
{
    public const string ApiTokenScheme = "apiToken";

    public static IServiceCollection AddLocalHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddMediator((Mediator.MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Singleton;
            options.Assemblies = [typeof(CertPlatform.Application.DependencyInjection)];
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(ValidationBehaviour<,>), typeof(IdempotencyBehaviour<,>), typeof(SupportedVersionBehaviour<,>)];
        });

        services.AddLocalApiSecurity(configuration);
        services.AddSingleton<LogTextRedaction>();
        services.AddSingleton<SupportBundle>();
        services.AddSingleton<HelperActivity>();
        services.AddHostedService<IdleExit>();
        services.AddHostedService<IdleMemoryTrim>();
        services.AddSingleton<IssuanceWarmUp>();
        services.AddHostedService(sp => sp.GetRequiredService<IssuanceWarmUp>());
        services.AddSingleton<BrowserOpener>();
        services.AddExceptionHandler<CatalogExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = CatalogProblem.Customize);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            // Only contracts generated at build time: the reflection resolver the defaults put behind them goes, so a
            // type no context lists fails in the tests as it would in the ahead-of-time compiled package.
            o.SerializerOptions.TypeInfoResolverChain.Clear();
            o.SerializerOptions.TypeInfoResolverChain.Add(ApiJsonContext.Default);
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

            // Japanese titles and remedies as themselves, not \uXXXX; HTML's special characters stay escaped.
            o.SerializerOptions.Encoder = JavaScriptEncoder.Create(UnicodeRanges.All);
        });

        // The document is generated from the endpoints by reflection, which the ahead-of-time compiled package has not:
        // there the document generated here is served from the file the tests keep equal to it (SwaggerOnDemand).
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            AddGeneratedSwagger(services);
        }

        return services;
    }

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Called only where dynamic code is supported; the ahead-of-time build serves the embedded document.")]
    private static void AddGeneratedSwagger(IServiceCollection services)
    {
        // Swashbuckle describes schemas with MVC's JSON options: the same converters, so enums show as strings.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o =>
        {
            o.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.JsonSerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "CertPlatform helper API",
                Version = "v1",
                Description = "The localhost API the bank's pages and the helper's own page call to issue and renew client certificates. " +
                    "State-changing calls need an allowlisted Origin (or, from a program, Authorization: Bearer with the api-token file's content) and a JSON body. Errors are application/problem+json with a catalog code, " +
                    "a title in the Accept-Language (ja or en) and a remedy.",
            });
            // Either an allowlisted Origin (the helper's own page, a bank page: nothing to declare, hence {}) or, from a
            // program, the API token as a bearer token.
            o.AddSecurityDefinition(ApiTokenScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The content of the api-token file in the helper's data folder; for programs, instead of an allowlisted Origin.",
            });
            o.DocumentFilter<SwaggerSecurity>();
            o.SchemaFilter<SwaggerExamples>();
            o.OperationFilter<SwaggerCatalogProblems>();
            o.CustomSchemaIds(t => t.FullName!.Replace("+", ".", StringComparison.Ordinal));
        });
    }
}
