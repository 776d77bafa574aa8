using CertPlatform.Application;
using CertPlatform.Infrastructure;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.LocalHost.Endpoints;
using CertPlatform.LocalHost.Hosting;
using CertPlatform.LocalHost.Security;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

var paths = HelperPaths.From(builder.Configuration);
builder.Services.AddSerilog((services, logger) => logger
    .ApplyLevels(builder.Configuration)
    .Destructure.With<SecretRedaction>()
    .Enrich.With<SecretRedaction>()
    .Enrich.FromLogContext()
    .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
    .WriteTo.File(
        paths.LogFile,
        formatProvider: System.Globalization.CultureInfo.InvariantCulture,
        fileSizeLimitBytes: 10 * 1024 * 1024,
        rollOnFileSizeLimit: true,
        retainedFileCountLimit: 5,
        shared: true,
        outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext} {Message:lj} {Properties:j}{NewLine}{Exception}"),
    // Each host keeps its own logger (not the static Log.Logger), so two helpers in one process never mix logs.
    preserveStaticLogger: true);

builder.WebHost.UseUrls(LoopbackBinding.Resolve(builder.Configuration));
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 64 * 1024);

builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddLocalHost(builder.Configuration);

var app = builder.Build();

app.UseSerilogRequestLogging();
app.UseExceptionHandler();
app.UseSecurityHeaders();
app.UseMiddleware<LocalApiGuard>();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseSwagger();
app.UseSwaggerUI(o => o.DocumentTitle = "CertPlatform helper API");

var api = app.MapGroup("/api/v1");
api.MapStatusApiV1();
api.MapCertificatesApiV1();
api.MapRenewalsApiV1();
api.MapSandboxTokensApiV1();

app.Lifetime.ApplicationStarted.Register(() =>
{
    var urls = string.Join(", ", app.Urls);
    app.Logger.LogInformation("CertPlatform {Version} is ready at {Urls} (log file {LogFile})", HelperVersion.Current, urls, paths.LogFile);
});

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
