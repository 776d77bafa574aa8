using CertPlatform.Application;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.LocalHost.Endpoints;
using CertPlatform.LocalHost.Hosting;
using CertPlatform.LocalHost.Security;

// Settings apply at start; watching appsettings*.json for changes cost a file-system watcher over the content root.
// Installed or published, the content root is the helper's own folder (appsettings.json, wwwroot) unless an argument
// names another: a bank's page launches the helper from wherever the browser runs. `dotnet run` keeps the project folder.
var builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. ContentRoot.Arguments(AppContext.BaseDirectory), .. args]);

// The issuance's crypto warmed on another core while the host is built and started (issue #19; Helper:WarmUp).
if (builder.Configuration.GetValue("Helper:WarmUp", true))
{
    _ = IssuanceWarmUp.BeginCrypto();
}

var paths = HelperPaths.From(builder.Configuration);
builder.Services.AddHelperLogging(builder.Configuration, paths);

var bindUrls = LoopbackBinding.Resolve(builder.Configuration);
builder.WebHost.UseUrls(bindUrls);

builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration)
    .AddLocalHost(builder.Configuration);
var embedded = EmbeddedSandbox.IsUsed(builder.Configuration);
if (embedded)
{
    EmbeddedSandbox.Add(builder.Services, builder.Configuration);
}

// The first hosted service of all, before the sandbox's check and the web host: the data folder must be usable.
DataFolderStartCheck.AddFirst(builder.Services);

var app = builder.Build();

app.UseHelperRequestLogging();
app.UseExceptionHandler();
app.UseLocalApiSecurity();
app.UseHelperActivity();
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseSwaggerOnDemand();

const string ApiV1 = "/api/v1";
var api = app.MapGroup(ApiV1);
api.MapStatusApiV1();
api.MapCertificatesApiV1();
api.MapRenewalsApiV1();
api.MapUpdatesApiV1();
api.MapRevocationsApiV1();
api.MapDiagnosticsApiV1();
api.MapProxyApiV1();
if (embedded)
{
    EmbeddedSandbox.Map(app, ApiV1);
}

// The endpoints (~60, their delegates and metadata) are built on a second core while the host starts, instead
// of on the first request; the router then finds their code compiled.
_ = Task.Run(() =>
{
    foreach (var source in ((IEndpointRouteBuilder)app).DataSources)
    {
        _ = source.Endpoints;
    }
});

// The bank's button (certplatform://issue) or the Start-menu shortcut (--Helper:OpenBrowser=true): the helper's page
// opens at the screen the URL names once the server listens. The URL chooses a screen and nothing else.
var helperOptions = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HelperOptions>>().Value;
var launchScreen = CertPlatform.Domain.Launch.LaunchUrl.Find(args, helperOptions.UrlScheme);

app.Lifetime.ApplicationStarted.Register(() =>
{
    var urls = string.Join(", ", app.Urls);
    var store = app.Services.GetRequiredService<CertPlatform.Application.Ports.ICertificateStore>().Description;
    app.Logger.LogInformation("CertPlatform {Version} is ready at {Urls} (certificate store {Store}; log file {LogFile})", app.Services.GetRequiredService<CertPlatform.Domain.Updates.RunningVersion>().ToString(), urls, store, paths.LogFile);
    if (launchScreen is not null || helperOptions.OpenBrowser)
    {
        var bound = app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? app.Urls.First();
        var own = new Uri(bound.TrimEnd('/') + "/" + CertPlatform.Domain.Launch.LaunchUrl.FragmentOf(launchScreen ?? CertPlatform.Domain.Launch.HelperScreen.Main));
        app.Services.GetRequiredService<BrowserOpener>().Open(own);
    }
});

// app.Run(), with the busy port told plainly while the log still writes (Run disposes the host before it throws).
try
{
    await app.StartAsync();
}
catch (IOException ex) when (PortInUse.IsCause(ex))
{
    Environment.ExitCode = PortInUse.Report(app.Logger, bindUrls);
    await StopRefusedAsync(app);
    return;
}
catch (Exception ex) when (ex is StartupRefusal || LocalFaults.Classify(ex) is not null)
{
    // A refusal, or anything of the data folder that cannot be written at start (the sandbox's keys are made while the
    // settings are checked, before the start check runs): one line, with the code and the path.
    var refusal = ex as StartupRefusal ?? StartupRefusal.ForPath("The data folder", paths.DataDirectory, ex);
    app.Logger.LogCritical(new EventId(1011, "StartRefused"), "Not starting: {Reason}", refusal.Line);
    Environment.ExitCode = StartupRefusal.ExitCode;
    await StopRefusedAsync(app);
    return;
}

await app.WaitForShutdownAsync();
await app.DisposeAsync();

// A start that failed leaves the background services it already started (the update check, the idle exit) running,
// or about to run: stopped before the host is disposed, their cancellation is the host's stop. Disposed without it,
// one cancelled before it ran is logged by the host as "BackgroundService failed" with a stack trace under the
// refusal's one line.
static async Task StopRefusedAsync(WebApplication app)
{
    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
    await app.StopAsync(timeout.Token);
    await app.DisposeAsync();
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
