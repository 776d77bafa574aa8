using System.Net;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox.Http;

/// <summary>
/// The sandbox center and CA on <c>https://127.0.0.1:{Sandbox:Https:Port}</c>, in a Kestrel server of their own
/// beside the helper's API. TLS uses a server certificate from the sandbox root; a client certificate is asked for
/// and accepted at the handshake, and the endpoints that need one (renewal, re-enrollment) check it against the
/// sandbox root themselves, so a missing or foreign certificate is a catalog error rather than a broken handshake.
/// </summary>
public sealed class SandboxHttpsServer(
    IServiceProvider helper,
    IOptions<SandboxHttpsOptions> options,
    SandboxCaKeys keys,
    SandboxCrlDistribution crlDistribution,
    ILoggerFactory loggers) : IBankOriginSource, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private WebApplication? _app;

    /// <summary>The server's base address once started (<c>https://127.0.0.1:52236/</c>).</summary>
    public Uri? BaseAddress { get; private set; }

    /// <summary>HTTPS on a loopback name and the port this server listens on, only while it runs: its bank pages launch the helper.</summary>
    public bool IsBankOrigin(Uri origin) =>
        BaseAddress is { } sandbox && origin.Scheme == Uri.UriSchemeHttps && origin.IsLoopback && origin.Port == sandbox.Port;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_app is not null)
            {
                return;
            }

            var certificate = SandboxServerCertificate.Issue(keys);
            var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(SandboxHttpsServer).Assembly.GetName().Name });
            builder.Services.AddSingleton(loggers);
            builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
            builder.Services.AddRoutingCore();
            SandboxHttpsEndpoints.AddServices(builder.Services, helper);
            builder.WebHost.UseKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Limits.MaxRequestBodySize = 64 * 1024;
                kestrel.Listen(IPAddress.Loopback, options.Value.Port, listen => listen.UseHttps(https =>
                {
                    https.ServerCertificate = certificate;
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.ClientCertificateValidation = (_, _, _) => true;
                }));
            });

            var app = builder.Build();
            SandboxHttpsEndpoints.Configure(app);
            await app.StartAsync(cancellationToken);
            _app = app;
            BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
            crlDistribution.HttpsBaseAddress = BaseAddress;
            loggers.CreateLogger<SandboxHttpsServer>().LogInformation(
                "Sandbox center and EST CA listening at {SandboxUrl}; the sandbox bank's pages are at {BankUrl} (trust {TrustAnchorPath} in the browser for them)",
                BaseAddress, new Uri(BaseAddress, "bank/"), keys.CertificatePath);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_app is { } app)
            {
                _app = null;
                BaseAddress = null;
                crlDistribution.HttpsBaseAddress = null;
                await app.StopAsync(cancellationToken);
                await app.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stops the server. The gate is not disposed: the host may still call <see cref="StopAsync"/> after the
    /// container let go of this object, and a SemaphoreSlim whose wait handle is never used holds nothing to free.
    /// </summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    /// <summary>For containers disposed synchronously: stopping Kestrel waits for it either way.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}

/// <summary>Starts the sandbox's HTTPS server with the helper when <c>Sandbox:Https:Enabled</c> is true.</summary>
public sealed class SandboxHttpsHostedService(SandboxHttpsServer server, IOptions<SandboxHttpsOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Enabled ? server.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);
}
