using CertPlatform.Application.Input;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using FluentValidation;

namespace CertPlatform.Application.Issuance;

public sealed class IssueCertificateValidator : AbstractValidator<IssueCertificate>
{
    public IssueCertificateValidator()
    {
        RuleFor(c => c.LoginId).Must(LoginId.IsValid).WithState(_ => InputMessages.LoginId);
        RuleFor(c => c.Password).Must(LoginPassword.IsValid).WithState(_ => InputMessages.Password);
        RuleFor(c => c.KeyAlgorithm)
            .Must(a => KeyAlgorithmNames.TryParse(a, out _))
            .When(c => c.KeyAlgorithm is not null)
            .WithState(_ => InputMessages.KeyAlgorithm);
    }
}
