using CertPlatform.Application.Input;
using CertPlatform.Domain.Credentials;
using FluentValidation;

namespace CertPlatform.Application.Renewals;

/// <summary>Either <c>otp</c> alone, or <c>current</c> and <c>next</c> together; each 6 digits.</summary>
public sealed class VerifyOtpValidator : AbstractValidator<VerifyOtp>
{
    public VerifyOtpValidator()
    {
        RuleFor(c => c.RenewalId).Must(IsRenewalId).WithState(_ => InputMessages.RenewalId);

        When(c => c.Otp is not null, () =>
        {
            RuleFor(c => c.Otp).Must(OneTimePassword.IsValid).WithState(_ => InputMessages.Otp);
            RuleFor(c => c.Current).Null().WithState(_ => InputMessages.OtpOrTimeSyncPair);
            RuleFor(c => c.Next).Null().WithState(_ => InputMessages.OtpOrTimeSyncPair);
        }).Otherwise(() =>
        {
            RuleFor(c => c.Current).Must(OneTimePassword.IsValid).WithState(_ => InputMessages.Otp);
            RuleFor(c => c.Next).Must(OneTimePassword.IsValid).WithState(_ => InputMessages.Otp);
        });
    }

    /// <summary>The shape of the helper's renewal ids, so that nothing else reaches the lookup or a log line.</summary>
    public static bool IsRenewalId(string? value) =>
        value is { Length: >= 1 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
