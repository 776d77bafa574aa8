using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using Mediator;

namespace CertPlatform.Application.Care;

public enum ExportFormat
{
    Pem,
    Der,
}

/// <summary>
/// The manual's 3.1.3: only the certificate itself (the public part) can be exported. Asking for the private
/// key is refused with G209e and the manual's explanation: there is no backup; a lost certificate is revoked
/// and issued again.
/// </summary>
public sealed record ExportCertificate(string Thumbprint, ExportFormat Format, bool IncludePrivateKey = false) : IQuery<ExportedCertificate>;

public sealed record ExportedCertificate(string FileName, string ContentType, byte[] Content);

public sealed class ExportCertificateHandler(ICertificateStore store) : IQueryHandler<ExportCertificate, ExportedCertificate>
{
    public ValueTask<ExportedCertificate> Handle(ExportCertificate query, CancellationToken cancellationToken)
    {
        if (query.IncludePrivateKey)
        {
            throw new CertPlatformException(ErrorCatalog.G209e);
        }

        using var certificate = store.Find(query.Thumbprint) ?? throw new CertPlatformException(ErrorCatalog.G203e);
        var name = certificate.SerialNumber.ToLowerInvariant();
        return ValueTask.FromResult(query.Format switch
        {
            ExportFormat.Der => new ExportedCertificate($"{name}.cer", "application/pkix-cert", certificate.RawData),
            _ => new ExportedCertificate($"{name}.pem", "application/x-pem-file", System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n")),
        });
    }
}
