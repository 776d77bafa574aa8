using CertPlatform.Application.Input;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using FluentValidation;

namespace CertPlatform.Application.Renewals;

public sealed class RenewCertificateValidator : AbstractValidator<RenewCertificate>
{
    public RenewCertificateValidator()
    {
        RuleFor(c => c.Thumbprint).Must(InputRules.IsThumbprint).WithState(_ => InputMessages.Thumbprint);
        RuleFor(c => c.Password).Must(LoginPassword.IsValid).WithState(_ => InputMessages.Password);
        RuleFor(c => c.KeyAlgorithm)
            .Must(a => KeyAlgorithmNames.TryParse(a, out _))
            .When(c => c.KeyAlgorithm is not null)
            .WithState(_ => InputMessages.KeyAlgorithm);
    }
}
