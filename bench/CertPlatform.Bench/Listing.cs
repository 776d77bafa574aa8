using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Care;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CertPlatform.Bench;

/// <summary>The certificate list with 10, 100 and 1000 certificates in the store: it must grow linearly.</summary>
public static class Listing
{
    public static async Task<Stats> MeasureAsync(IServiceProvider services, int certificates, int samples)
    {
        var store = services.GetRequiredService<ICertificateStore>();
        var ca = services.GetRequiredService<SandboxCertificateAuthority>();
        Fill(store, ca, certificates);
        var handler = ActivatorUtilities.CreateInstance<ListCertificatesHandler>(services);
        var result = await handler.Handle(new ListCertificates(), default);
        if (result.Certificates.Count != certificates)
        {
            throw new InvalidOperationException($"Expected {certificates} listed, got {result.Certificates.Count}.");
        }

        var times = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await handler.Handle(new ListCertificates(), default);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Stats.Of(times);
    }

    private static void Fill(ICertificateStore store, SandboxCertificateAuthority ca, int target)
    {
        var existing = store.List();
        var missing = target - existing.Count;
        foreach (var c in existing)
        {
            c.Dispose();
        }

        var subject = new CertificateSubject("(2235)CERTPLATFORM SANDBOX BANK", "(2235)CertPlatform Sandbox CA - G1", "bench01 A001 20261126000000000000");
        for (var i = 0; i < missing; i++)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var csr = new CertificateRequest(CertificationRequest.ToX500Name(subject), key, HashAlgorithmName.SHA256).CreateSigningRequest();
            using var issued = ca.Sign(csr, new TicketGrant("bench01", subject));
            using var withKey = issued.CopyWithPrivateKey(key);
            store.Add(withKey);
        }
    }
}
