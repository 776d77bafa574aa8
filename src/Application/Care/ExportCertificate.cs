using CertPlatform.Application.Input;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using FluentValidation;
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
/// <param name="Format">pem or der, as the query string spells it.</param>
public sealed record ExportCertificate(string Thumbprint, string Format = "pem", bool IncludePrivateKey = false) : IQuery<ExportedCertificate>
{
    public static bool TryParseFormat(string? value, out ExportFormat format) =>
        Enum.TryParse(value, ignoreCase: true, out format) && Enum.IsDefined(format);
}

public sealed class ExportCertificateValidator : AbstractValidator<ExportCertificate>
{
    public ExportCertificateValidator() =>
        RuleFor(q => q.Format).Must(f => ExportCertificate.TryParseFormat(f, out _)).WithState(_ => InputMessages.ExportFormat);
}

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
        ExportCertificate.TryParseFormat(query.Format, out var format);
        return ValueTask.FromResult(format switch
        {
            ExportFormat.Der => new ExportedCertificate($"{name}.cer", "application/pkix-cert", certificate.RawData),
            _ => new ExportedCertificate($"{name}.pem", "application/x-pem-file", System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n")),
        });
    }
}
