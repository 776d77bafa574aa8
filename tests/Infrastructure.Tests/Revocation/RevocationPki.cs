using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;

namespace CertPlatform.Infrastructure.Tests.Revocation;

/// <summary>A CA made in the test, whose certificates name a CRL address, and which signs CRLs on demand.</summary>
internal sealed class RevocationPki : ITrustAnchors, IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private int _crlNumber;

    public RevocationPki(string name, DateTimeOffset now)
    {
        var request = new CertificateRequest($"CN={name}", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(now.AddYears(-1), now.AddYears(10));
        Now = now;
    }

    public X509Certificate2 Root { get; }

    public DateTimeOffset Now { get; }

    public IReadOnlyList<X509Certificate2> Roots => [Root];

    public IReadOnlyList<X509Certificate2> IssuingCertificates => [Root];

    /// <summary>A customer certificate (public part) naming <paramref name="crlUris"/> as its CRL Distribution Points.</summary>
    public X509Certificate2 Issue(params string[] crlUris)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=demo01 A001 1", key, HashAlgorithmName.SHA256);
        if (crlUris.Length > 0)
        {
            request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension(crlUris));
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var issued = request.Create(Root.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), Now.AddDays(-1), Now.AddDays(365), serial);
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }

    /// <summary>A CRL of this CA listing <paramref name="revoked"/>, valid for <paramref name="validity"/> (default a day).</summary>
    public byte[] Crl(IEnumerable<X509Certificate2> revoked, TimeSpan? validity = null)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, Now.AddMinutes(-1));
        }

        return builder.Build(Root, new BigInteger(++_crlNumber), Now + (validity ?? TimeSpan.FromDays(1)), HashAlgorithmName.SHA256, thisUpdate: Now);
    }

    public void Dispose()
    {
        Root.Dispose();
        _key.Dispose();
    }
}

/// <summary>One plain HttpClient for every name, as the helper's CRL client would be on the network.</summary>
internal sealed class PlainHttpClients : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new();
}
