using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
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
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

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
    public X509Certificate2 Sign(byte[] certificationRequest, TicketGrant grant)
    {
        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequest(
                certificationRequest, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
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

        var issued = Issue(request);
        registry.Add(new IssuedRecord(
            issued.SerialNumber.ToLowerInvariant(), issued.Thumbprint, grant.LoginId, issued.Subject,
            issued.NotBefore.ToUniversalTime(), issued.NotAfter.ToUniversalTime(), grant.RenewsThumbprint));
        logger.LogInformation("Sandbox CA issued {Serial} to {LoginId}", issued.SerialNumber, grant.LoginId);
        return issued;
    }

    private X509Certificate2 Issue(CertificateRequest request)
    {
        var root = keys.Root;
        var isRsa = request.PublicKey.Oid.Value == "1.2.840.113549.1.1.1";
        var usage = X509KeyUsageFlags.DigitalSignature | (isRsa ? X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.None);

        // Only what the CA decides goes in: requested extensions are ignored.
        var toSign = new CertificateRequest(request.SubjectName, request.PublicKey, HashAlgorithmName.SHA256);
        toSign.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        toSign.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        toSign.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthenticationOid)], false));
        toSign.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        toSign.CertificateExtensions.Add(keys.AuthorityKeyIdentifier);
        toSign.CertificateExtensions.Add(crlDistribution.Extension());

        var now = time.GetUtcNow();
        var notBefore = TruncateToSeconds(now);
        var notAfter = notBefore.AddDays(options.Value.CertificateLifetimeDays);
        // Signed with a generator, the certificate carries no private key: it is handed out as it is.
        return toSign.Create(root.SubjectName, keys.Signer, notBefore, notAfter, NewSerialNumber());
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

    private static bool IsAcceptableKey(PublicKey key)
    {
        using var rsa = key.GetRSAPublicKey();
        if (rsa is not null)
        {
            return rsa.KeySize is >= 2048 and <= 4096;
        }

        using var ecdsa = key.GetECDsaPublicKey();
        return ecdsa is not null && ecdsa.KeySize == 256;
    }
}
