using System.Net;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.LocalHost.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CertPlatform.LocalHost.Tests.Hosting;

/// <summary>Once the server listens, the store is made ready in the background; the customer's first issuance then costs what later ones do.</summary>
public sealed class IssuanceWarmUpTests
{
    [Fact]
    public async Task After_start_the_store_is_warmed_once_in_the_background_and_the_log_says_so()
    {
        var store = new WatchedStore();
        await using var app = HelperFactory.With(new Dictionary<string, string?>(), s => s.Replace(ServiceDescriptor.Singleton<ICertificateStore>(store)));

        using var status = await app.CreatePageClient().GetAsync("/api/v1/status");
        await app.Services.GetRequiredService<IssuanceWarmUp>().Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(1, store.WarmUps);
        Assert.Contains("The issuance path is ready", app.ReadLog(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turned_off_nothing_is_done_ahead()
    {
        var store = new WatchedStore();
        await using var app = HelperFactory.With(new Dictionary<string, string?> { ["Helper:WarmUp"] = "false" }, s => s.Replace(ServiceDescriptor.Singleton<ICertificateStore>(store)));

        using var status = await app.CreatePageClient().GetAsync("/api/v1/status");
        await app.Services.GetRequiredService<IssuanceWarmUp>().Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, store.WarmUps);
    }

    [Fact]
    public async Task A_store_that_fails_ahead_is_logged_and_the_helper_goes_on()
    {
        var store = new WatchedStore { Failure = new IOException("the database is locked") };
        await using var app = HelperFactory.With(new Dictionary<string, string?>(), s => s.Replace(ServiceDescriptor.Singleton<ICertificateStore>(store)));
        var client = app.CreatePageClient();

        using var first = await client.GetAsync("/api/v1/status");
        await app.Services.GetRequiredService<IssuanceWarmUp>().Completion.WaitAsync(TimeSpan.FromSeconds(30));
        using var second = await client.GetAsync("/api/v1/status");

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("Making the issuance path ready ahead failed with IOException", app.ReadLog(), StringComparison.Ordinal);
    }

    /// <summary>An empty store that counts its warm-ups.</summary>
    private sealed class WatchedStore : ICertificateStore
    {
        private int _warmUps;

        public int WarmUps => Volatile.Read(ref _warmUps);

        public Exception? Failure { get; init; }

        public string Description => "watched store";

        public IReadOnlyList<X509Certificate2> List() => [];

        public X509Certificate2? Find(string thumbprint) => null;

        public void Add(X509Certificate2 certificateWithKey) => throw new NotSupportedException();

        public void Remove(string thumbprint) => throw new NotSupportedException();

        public void WarmUp()
        {
            Interlocked.Increment(ref _warmUps);
            if (Failure is not null)
            {
                throw Failure;
            }
        }
    }
}
