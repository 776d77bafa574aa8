using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Domain.Certificates;
using CertPlatform.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.Bench;

/// <summary>
/// How many certificates per second the sandbox CA signs, with 1 and 2 clients at once. Every certificate is the
/// CA's whole work: the request's signature verified, the subject checked against the grant, the certificate built,
/// signed and journaled. <see cref="Output.Der"/> stops at the DER the CA hands out (what EST returns);
/// <see cref="Output.CertificateObject"/> also loads it into an <see cref="X509Certificate2"/>, as the in-process adapter does.
/// </summary>
public static class CaThroughput
{
    public enum Output
    {
        Der,
        CertificateObject,
    }

    public static double CertificatesPerSecond(IServiceProvider services, KeyAlgorithm requestKey, int clients, TimeSpan duration, Output output = Output.Der)
    {
        var ca = services.GetRequiredService<SandboxCertificateAuthority>();
        var subject = new CertificateSubject("(2235)CERTPLATFORM SANDBOX BANK", "(2235)CertPlatform Sandbox CA - G1", "demo01 A001 20261126000000000000");
        using AsymmetricAlgorithm key = requestKey == KeyAlgorithm.EcdsaP256 ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : RSA.Create(2048);
        var name = CertificationRequest.ToX500Name(subject);
        var csr = (key is RSA rsa
            ? new CertificateRequest(name, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : new CertificateRequest(name, (ECDsa)key, HashAlgorithmName.SHA256)).CreateSigningRequest();
        var grant = new TicketGrant("demo01", subject);
        void SignOnce()
        {
            if (output == Output.Der)
            {
                _ = ca.SignEncoded(csr, grant);
            }
            else
            {
                ca.Sign(csr, grant).Dispose();
            }
        }

        for (var i = 0; i < 200; i++)
        {
            SignOnce(); // warm-up: JIT, the signing key of each thread
        }

        var count = 0L;
        var stopwatch = Stopwatch.StartNew();
        Parallel.For(0, clients, new ParallelOptions { MaxDegreeOfParallelism = clients }, _ =>
        {
            while (stopwatch.Elapsed < duration)
            {
                SignOnce();
                Interlocked.Increment(ref count);
            }
        });
        return count / stopwatch.Elapsed.TotalSeconds;
    }
}
