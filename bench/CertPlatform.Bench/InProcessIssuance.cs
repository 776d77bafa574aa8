using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Infrastructure;
using CertPlatform.Sandbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.Bench;

/// <summary>The issuance split into its parts, with the real sandbox adapters in this process.</summary>
public sealed class InProcessIssuance : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _storeName = $"CertPlatformBench-{Guid.NewGuid():N}";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "certplatform-bench", Guid.NewGuid().ToString("N"));

    public InProcessIssuance(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Helper:DataDirectory"] = _data,
            ["Store:Kind"] = "X509",
            ["Store:Name"] = _storeName,
            // The in-process series (the issuance's parts, the CA's throughput and their floors) has measured an
            // RSA-2048 root from its start, as a bank's CA commonly has; the helper's own default is P-256 (ADR 0010).
            ["Sandbox:CaKeyAlgorithm"] = "Rsa2048",
        }).AddInMemoryCollection(settings ?? []).Build();
        _services = new ServiceCollection().AddLogging().AddApplication(configuration).AddInfrastructure(configuration).AddSandbox(configuration).BuildServiceProvider();
    }

    public IServiceProvider Services => _services;

    public sealed record Parts(Stats Center, Stats KeyGeneration, Stats Csr, Stats CaSigning, Stats Verify, Stats StoreAdd, Stats Total);

    public async Task<Parts> MeasureAsync(KeyAlgorithm algorithm, int samples)
    {
        var center = _services.GetRequiredService<ICenterGateway>();
        var keys = _services.GetRequiredService<IKeyFactory>();
        var ca = _services.GetRequiredService<ICertificateAuthority>();
        var verifier = _services.GetRequiredService<IssuedCertificateVerifier>();
        var store = _services.GetRequiredService<ICertificateStore>();
        var t = new Dictionary<string, List<double>>();
        void Add(string part, long started) => (t.TryGetValue(part, out var l) ? l : t[part] = []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

        await IssueOnce(center, keys, ca, verifier, store, algorithm, null); // warm-up: root CA, JIT
        for (var i = 0; i < samples; i++)
        {
            await IssueOnce(center, keys, ca, verifier, store, algorithm, Add);
        }

        return new Parts(Stats.Of(t["center"]), Stats.Of(t["keygen"]), Stats.Of(t["csr"]), Stats.Of(t["ca"]), Stats.Of(t["verify"]), Stats.Of(t["store"]), Stats.Of(t["total"]));
    }

    private static async Task IssueOnce(
        ICenterGateway center, IKeyFactory keys, ICertificateAuthority ca, IssuedCertificateVerifier verifier, ICertificateStore store,
        KeyAlgorithm algorithm, Action<string, long>? record)
    {
        var total = Stopwatch.GetTimestamp();
        var started = Stopwatch.GetTimestamp();
        var authorization = await center.AuthorizeIssuanceAsync(LoginId.Parse("demo01"), LoginPassword.Parse("Sandbox-Pass-01"), default);
        record?.Invoke("center", started);

        started = Stopwatch.GetTimestamp();
        using var key = keys.Create(algorithm);
        _ = key.Key.ExportSubjectPublicKeyInfo();
        record?.Invoke("keygen", started);

        started = Stopwatch.GetTimestamp();
        var csr = CertificationRequest.Create(authorization.Subject, key);
        record?.Invoke("csr", started);

        started = Stopwatch.GetTimestamp();
        using var issued = await ca.EnrollAsync(csr, authorization.Ticket, default);
        record?.Invoke("ca", started);

        started = Stopwatch.GetTimestamp();
        verifier.Verify(issued, key, authorization.Subject, await ca.GetCaCertificatesAsync(default));
        record?.Invoke("verify", started);

        started = Stopwatch.GetTimestamp();
        using X509Certificate2 withKey = key.Key switch
        {
            System.Security.Cryptography.RSA rsa => issued.CopyWithPrivateKey(rsa),
            System.Security.Cryptography.ECDsa ec => issued.CopyWithPrivateKey(ec),
            _ => throw new NotSupportedException(),
        };
        store.Add(withKey);
        record?.Invoke("store", started);
        record?.Invoke("total", total);
    }

    public void Dispose()
    {
        using (var store = new X509Store(_storeName, StoreLocation.CurrentUser))
        {
            store.Open(OpenFlags.ReadWrite);
            foreach (var certificate in store.Certificates)
            {
                store.Remove(certificate);
            }
        }

        _services.Dispose();
        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "corefx", "cryptography", "x509stores", _storeName.ToLowerInvariant());
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, true);
        }

        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, true);
        }
    }
}
