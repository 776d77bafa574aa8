using CertPlatform.Application.Renewals;

namespace CertPlatform.Application.Tests.Renewals;

public class RenewalValidatorTests
{
    private const string Thumbprint = "0123456789ABCDEF0123456789abcdef01234567";

    [Fact]
    public void A_thumbprint_from_the_list_and_a_password_are_accepted()
    {
        Assert.True(new RenewCertificateValidator().Validate(new RenewCertificate(Thumbprint, "Sandbox-Pass-01")).IsValid);
    }

    [Theory]
    [InlineData("", "thumbprint")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF0123456", "thumbprint")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF012345678", "thumbprint")]
    [InlineData("G123456789ABCDEF0123456789ABCDEF01234567", "thumbprint")]
    [InlineData("../../../../etc/passwd/0123456789ABCDEF01", "thumbprint")]
    [InlineData("0123456789ABCDEF 123456789ABCDEF01234567", "thumbprint")]
    public void A_thumbprint_that_is_not_40_hex_digits_is_an_input_error(string thumbprint, string field)
    {
        var result = new RenewCertificateValidator().Validate(new RenewCertificate(thumbprint, "Sandbox-Pass-01"));

        Assert.Contains(result.Errors, e => string.Equals(e.PropertyName, field, StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("has space 123")]
    [InlineData("パスワード12345")]
    public void A_password_of_the_wrong_form_is_an_input_error(string password)
    {
        var result = new RenewCertificateValidator().Validate(new RenewCertificate(Thumbprint, password));

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(RenewCertificate.Password));
    }

    [Fact]
    public void An_unknown_key_type_is_an_input_error()
    {
        var result = new RenewCertificateValidator().Validate(new RenewCertificate(Thumbprint, "Sandbox-Pass-01", "DSA-1024"));

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(RenewCertificate.KeyAlgorithm));
    }

    [Theory]
    [InlineData("123456", null, null)]
    [InlineData(null, "123456", "654321")]
    public void One_code_or_a_pair_of_codes_is_accepted(string? otp, string? current, string? next)
    {
        Assert.True(new VerifyOtpValidator().Validate(new VerifyOtp("0123abcd", otp, current, next)).IsValid);
    }

    [Theory]
    [InlineData(null, null, null, "Current")]
    [InlineData("12345", null, null, "Otp")]
    [InlineData("1234567", null, null, "Otp")]
    [InlineData("12345a", null, null, "Otp")]
    [InlineData("１２３４５６", null, null, "Otp")]
    [InlineData("123456", "123456", null, "Current")]
    [InlineData("123456", null, "654321", "Next")]
    [InlineData(null, "123456", null, "Next")]
    [InlineData(null, null, "654321", "Current")]
    [InlineData(null, "12345 ", "654321", "Current")]
    public void Codes_of_the_wrong_form_or_both_forms_at_once_are_input_errors(string? otp, string? current, string? next, string field)
    {
        var result = new VerifyOtpValidator().Validate(new VerifyOtp("0123abcd", otp, current, next));

        Assert.Contains(result.Errors, e => e.PropertyName == field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../renewals")]
    [InlineData("id with space")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void A_renewal_id_of_the_wrong_form_is_an_input_error(string renewalId)
    {
        var result = new VerifyOtpValidator().Validate(new VerifyOtp(renewalId, "123456"));

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(VerifyOtp.RenewalId));
    }
}
