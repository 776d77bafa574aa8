using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Infrastructure.Tests.Fixtures;

/// <summary>The committed test PKI (WireMock/make-fixtures.sh) the WireMock mappings answer with.</summary>
internal static class TestPki
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "WireMock");

    public static string Certs { get; } = Path.Combine(Root, "certs");

    /// <summary>test-root and test-issuing: what a bank would put in Ca:TrustAnchorPath.</summary>
    public static string Anchors { get; } = Path.Combine(Certs, "test-anchors.pem");

    public static string RogueRoot { get; } = Path.Combine(Certs, "rogue-root.crt");

    /// <summary>The subject the center mappings authorize, which customer.crt carries.</summary>
    public static CertificateSubject Subject { get; } = new("(2235)CERTPLATFORM TEST BANK", "(2235)CertPlatform Test CA", "demo01 A001 20260101090000000000");

    public const string TicketUsername = "t-0001";
    public const string TicketPassword = "ticket-secret-0001";
    public const string ProxyUser = "proxy-user";
    public const string ProxyPassword = "proxy-pass";

    public static X509Certificate2 Certificate(string name) =>
        X509CertificateLoader.LoadCertificateFromFile(Path.Combine(Certs, name + ".crt"));

    /// <summary>A TLS server certificate with its key, loadable by Kestrel on every OS.</summary>
    public static X509Certificate2 ServerCertificate(string name)
    {
        using var ephemeral = X509Certificate2.CreateFromPemFile(Path.Combine(Certs, name + ".crt"), Path.Combine(Certs, name + ".key"));
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>The customer certificate with its key: the "current" certificate of a renewal.</summary>
    public static X509Certificate2 CustomerWithKey() =>
        X509Certificate2.CreateFromPemFile(Path.Combine(Certs, "customer.crt"), Path.Combine(Certs, "customer.key"));

    public static RSA CustomerKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(Certs, "customer.key")));
        return rsa;
    }
}
