using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Infrastructure.Tests.Updates;

/// <summary>
/// A connection that drops mid-body (the server announced the full length, then reset), which WireMock cannot
/// stage: a Kestrel server on 127.0.0.1 that aborts the first response halfway and serves ranges after.
/// </summary>
public sealed class DroppedConnectionTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Package = UpdateFeedServer.ReleaseZip("1.2.0", padding: 400_000);

    private readonly UpdateFeedServer _feed = new();
    private WebApplication? _server;
    private int _requests;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _server = builder.Build();
        _server.MapGet("/packages/certplatform-1.2.0.zip", async (HttpContext context) =>
        {
            if (Interlocked.Increment(ref _requests) == 1)
            {
                context.Response.ContentLength = Package.Length;
                await context.Response.Body.WriteAsync(Package.AsMemory(0, Package.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }

            await Results.Bytes(Package, "application/zip", enableRangeProcessing: true).ExecuteAsync(context);
        });
        await _server.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public void Dispose() => _feed.Dispose();

    [Fact]
    public async Task A_dropped_connection_is_G002e_and_the_next_attempt_resumes()
    {
        var address = _server!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        var entry = UpdateFeedServer.Package($"{address}/packages/certplatform-1.2.0.zip", Package);
        var feed = _feed.Feed();
        var version = SemanticVersion.Parse("1.2.0");

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => feed.DownloadAsync(version, entry, new RecordedProgress(), CancellationToken.None));
        var progress = new RecordedProgress();
        var staged = await feed.DownloadAsync(version, entry, progress, CancellationToken.None);

        Assert.Equal("G002e", ex.Error.Code);
        Assert.InRange(progress.Reports[0], 0, Package.Length - 1);
        Assert.Equal(Package, await File.ReadAllBytesAsync(staged.Path));
    }
}
