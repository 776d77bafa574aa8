using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox;

/// <summary>
/// A real CA in the helper's process. It checks what it signs: the ticket is one the center issued and not
/// used before, the request's signature is valid (proof of possession of the new key), the key is strong
/// enough, and the subject is the one the center authorized.
/// </summary>
public sealed class SandboxCertificateAuthority(
    SandboxCaKeys keys,
    SandboxTickets tickets,
    SandboxRegistry registry,
    SandboxCrlDistribution crlDistribution,
    IOptions<SandboxOptions> options,
    TimeProvider time,
    ILogger<SandboxCertificateAuthority> logger) : ICertificateAuthority
{
    private static readonly X509Extension BasicConstraints = new X509BasicConstraintsExtension(false, false, 0, true);
    private static readonly X509Extension RsaKeyUsage = new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true);
    private static readonly X509Extension EcKeyUsage = new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true);
    private static readonly X509Extension ClientAuthentication = new X509EnhancedKeyUsageExtension([new Oid(Oids.ClientAuthentication)], false);

    public Task<IReadOnlyList<X509Certificate2>> GetCaCertificatesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<X509Certificate2>>([keys.PublicCertificate]);

    public Task<X509Certificate2> EnrollAsync(byte[] certificationRequest, EnrollmentTicket ticket, CancellationToken cancellationToken)
    {
        var grant = tickets.Redeem(ticket.Username, ticket.Reveal());
        return Task.FromResult(Sign(certificationRequest, grant));
    }

    /// <summary>Proves possession of the current certificate's key in-process, then re-enrolls.</summary>
    public Task<X509Certificate2> ReenrollAsync(
        byte[] certificationRequest, EnrollmentTicket ticket, X509Certificate2 current, CancellationToken cancellationToken)
    {
        using var publicCertificate = SandboxPossession.Prove(current);
        return Task.FromResult(ReenrollVerified(certificationRequest, ticket, publicCertificate));
    }

    /// <summary>
    /// Signs the request of a renewal whose current certificate the caller has already proven (TLS client
    /// authentication for EST simplereenroll over HTTPS, a signed challenge in-process). The ticket must be the
    /// center's for the renewal of exactly this certificate, which must be one this CA issued, unrevoked and unexpired.
    /// </summary>
    /// <exception cref="CertPlatformException">
    /// G205e ticket unknown, used, expired or for another certificate; G208e revoked; G202e expired; G206e request refused.
    /// </exception>
    public X509Certificate2 ReenrollVerified(byte[] certificationRequest, EnrollmentTicket ticket, X509Certificate2 publicCurrentCertificate)
    {
        var grant = tickets.Redeem(ticket.Username, ticket.Reveal());
        if (!string.Equals(grant.RenewsThumbprint, publicCurrentCertificate.Thumbprint, StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Sandbox CA refused a re-enrollment for {LoginId}: the ticket is not for certificate {Thumbprint}",
                grant.LoginId, publicCurrentCertificate.Thumbprint);
            throw new CertPlatformException(ErrorCatalog.G205e);
        }

        var record = registry.FindByThumbprint(publicCurrentCertificate.Thumbprint);
        if (record is null || !string.Equals(record.LoginId, grant.LoginId, StringComparison.Ordinal))
        {
            throw new CertPlatformException(ErrorCatalog.G206e);
        }

        if (record.RevokedAt is not null)
        {
            throw new CertPlatformException(ErrorCatalog.G208e);
        }

        if (time.GetUtcNow() > publicCurrentCertificate.NotAfter.ToUniversalTime())
        {
            throw new CertPlatformException(ErrorCatalog.G202e);
        }

        return Sign(certificationRequest, grant);
    }

    /// <summary>Signs a request the grant allows; the result carries no private key.</summary>
    public X509Certificate2 Sign(byte[] certificationRequest, TicketGrant grant) =>
        X509CertificateLoader.LoadCertificate(SignEncoded(certificationRequest, grant));

    /// <summary>
    /// The CA's work for one certificate: checks the request against the grant, signs the certificate, journals it,
    /// and returns its DER (what EST hands out). <see cref="Sign"/> loads it into a certificate object.
    /// </summary>
    /// <exception cref="CertPlatformException">G206e: the request is malformed, badly signed, for a weak key or for another subject.</exception>
    public byte[] SignEncoded(byte[] certificationRequest, TicketGrant grant)
    {
        if (ReadVerified(certificationRequest) is not { } request)
        {
            logger.LogWarning("Sandbox CA refused a request for {LoginId}: not a validly signed PKCS#10 request", grant.LoginId);
            throw new CertPlatformException(ErrorCatalog.G206e);
        }

        if (!IsAcceptableKey(request.PublicKey))
        {
            logger.LogWarning("Sandbox CA refused a request for {LoginId}: key type or size not allowed", grant.LoginId);
            throw new CertPlatformException(ErrorCatalog.G206e);
        }

        if (CertificationRequest.ReadSubject(request.SubjectName) != grant.Subject)
        {
            logger.LogWarning("Sandbox CA refused a request for {LoginId}: subject differs from the authorized one", grant.LoginId);
            throw new CertPlatformException(ErrorCatalog.G206e);
        }

        var notBefore = TruncateToSeconds(time.GetUtcNow());
        var notAfter = notBefore.AddDays(options.Value.CertificateLifetimeDays);
        var serialNumber = NewSerialNumber();
        var profile = new CertificateRequest(request.SubjectName, request.PublicKey, HashAlgorithmName.SHA256);
        foreach (var extension in Extensions(request.PublicKey))
        {
            profile.CertificateExtensions.Add(extension);
        }

        using var certificate = profile.Create(keys.Root.SubjectName, keys.Signer, notBefore, notAfter, serialNumber);
        var issued = certificate.RawData;

        var serial = Convert.ToHexStringLower(serialNumber);
        registry.Add(new IssuedRecord(
            serial, certificate.Thumbprint, grant.LoginId, request.SubjectName.Name, notBefore, notAfter, grant.RenewsThumbprint));
        logger.LogInformation("Sandbox CA issued {Serial} to {LoginId}", serial, grant.LoginId);
        return issued;
    }

    /// <summary>The request with its signature checked (proof of possession of the new key), or null for anything else.</summary>
    private static CertificateRequest? ReadVerified(byte[] certificationRequest)
    {
        try
        {
            // Requested extensions are not read: the CA decides what goes in (Extensions).
            return CertificateRequest.LoadSigningRequest(
                certificationRequest, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        }
        catch (Exception e) when (e is CryptographicException or NotSupportedException or ArgumentException)
        {
            // NotSupportedException: a key algorithm .NET does not know; ArgumentException: a structure it cannot take.
            return null;
        }
    }

    /// <summary>Only what the CA decides goes in: requested extensions are ignored.</summary>
    private X509Extension[] Extensions(PublicKey key)
    {
        var isRsa = key.Oid.Value == Oids.RsaKey;
        return
        [
            BasicConstraints,
            isRsa ? RsaKeyUsage : EcKeyUsage,
            ClientAuthentication,
            new X509SubjectKeyIdentifierExtension(key, false),
            keys.AuthorityKeyIdentifier,
            crlDistribution.Extension(),
        ];
    }

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);

    /// <summary>16 random bytes, positive: the 32 hex digits the manual shows as 証明書シリアル番号.</summary>
    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    /// <summary>RSA of 2048 to 4096 bits or ECDSA P-256: the key types the helper generates.</summary>
    private static bool IsAcceptableKey(PublicKey key)
    {
        try
        {
            using var rsa = key.GetRSAPublicKey();
            if (rsa is not null)
            {
                return rsa.KeySize is >= 2048 and <= 4096;
            }

            using var ecdsa = key.GetECDsaPublicKey();
            return ecdsa?.KeySize == 256;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
