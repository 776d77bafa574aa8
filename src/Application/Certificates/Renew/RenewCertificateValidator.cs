using CertPlatform.Application.Certificates.Issue;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using FluentValidation;

namespace CertPlatform.Application.Certificates.Renew;

public sealed class RenewCertificateValidator : AbstractValidator<RenewCertificate>
{
    public RenewCertificateValidator()
    {
        RuleFor(c => c.Thumbprint).Must(IsThumbprint).WithState(_ => InputMessages.Thumbprint);
        RuleFor(c => c.Password).Must(LoginPassword.IsValid).WithState(_ => InputMessages.Password);
        RuleFor(c => c.KeyAlgorithm)
            .Must(a => KeyAlgorithmNames.TryParse(a, out _))
            .When(c => c.KeyAlgorithm is not null)
            .WithState(_ => InputMessages.KeyAlgorithm);
    }

    /// <summary>A SHA-1 thumbprint as the certificate list gives it: 40 hex digits.</summary>
    public static bool IsThumbprint(string? value) => value is { Length: 40 } && value.All(char.IsAsciiHexDigit);
}
