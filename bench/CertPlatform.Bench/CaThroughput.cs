using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Domain.Certificates;
using CertPlatform.Infrastructure.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.Bench;

/// <summary>How many certificates per second the sandbox CA signs, with 1 and 2 clients at once.</summary>
public static class CaThroughput
{
    public static double CertificatesPerSecond(IServiceProvider services, int clients, TimeSpan duration)
    {
        var ca = services.GetRequiredService<SandboxCertificateAuthority>();
        var subject = new CertificateSubject("(2235)CERTPLATFORM SANDBOX BANK", "(2235)CertPlatform Sandbox CA - G1", "demo01 A001 20261126000000000000");
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest(CertificationRequest.ToX500Name(subject), key, HashAlgorithmName.SHA256).CreateSigningRequest();
        var grant = new TicketGrant("demo01", subject);
        ca.Sign(csr, grant).Dispose(); // warm-up

        var count = 0L;
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(0, clients, new ParallelOptions { MaxDegreeOfParallelism = clients }, _ =>
        {
            while (stopwatch.Elapsed < duration)
            {
                ca.Sign(csr, grant).Dispose();
                Interlocked.Increment(ref count);
            }
        });
        return count / stopwatch.Elapsed.TotalSeconds;
    }
}
