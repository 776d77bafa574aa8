using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Crypto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Sandbox;

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
        if (SignedCertificationRequest.Read(certificationRequest) is not { } signed || signed.VerifiedKeySize() is not { } keySize)
        {
            logger.LogWarning("Sandbox CA refused a request for {LoginId}: not a validly signed PKCS#10 request", grant.LoginId);
            throw new CertPlatformException(ErrorCatalog.G206e);
        }

        var request = signed.Request;
        if (!IsAcceptableKey(request.PublicKey, keySize))
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
        var serialNumber = NewSerialNumber();
        var template = new CertificateWriter.Template(
            serialNumber, keys.Root.SubjectName, notBefore, notBefore.AddDays(options.Value.CertificateLifetimeDays),
            request.SubjectName, request.PublicKey, Extensions(request.PublicKey));
        var issued = CertificateWriter.Sign(template, keys.Signer, HashAlgorithmName.SHA256);

        var serial = Convert.ToHexStringLower(serialNumber);
        registry.Add(new IssuedRecord(
            serial, Convert.ToHexString(SHA1.HashData(issued)), grant.LoginId, request.SubjectName.Name,
            template.NotBefore, template.NotAfter, grant.RenewsThumbprint));
        logger.LogInformation("Sandbox CA issued {Serial} to {LoginId}", serial, grant.LoginId);
        return issued;
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
    private static bool IsAcceptableKey(PublicKey key, int keySize) => key.Oid.Value == Oids.RsaKey
        ? keySize is >= 2048 and <= 4096
        : key.Oid.Value == Oids.EcKey && keySize == 256;
}
