using CertPlatform.Domain.Credentials;

namespace CertPlatform.Domain.Tests;

public class CredentialTests
{
    [Theory]
    [InlineData("demo01", true)]
    [InlineData("logid031", true)]
    [InlineData("abcd", true)]
    [InlineData("abc", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("demo 01", false)]
    [InlineData("demo01'--", false)]
    [InlineData("ｄｅｍｏ01", false)]
    [InlineData("abcdefghijabcdefghijabcdefghijab", true)]
    [InlineData("abcdefghijabcdefghijabcdefghijabc", false)]
    public void Login_id_is_4_to_32_ascii_letters_and_digits(string? value, bool valid)
    {
        Assert.Equal(valid, LoginId.IsValid(value));
    }

    [Theory]
    [InlineData("Sandbox-Pass-01", true)]
    [InlineData("1234567", false)]
    [InlineData("12345678", true)]
    [InlineData("with space", false)]
    [InlineData("パスワード12345", false)]
    [InlineData(null, false)]
    public void Login_password_is_8_to_64_printable_ascii_characters(string? value, bool valid)
    {
        Assert.Equal(valid, LoginPassword.IsValid(value));
    }

    [Theory]
    [InlineData("123456", true)]
    [InlineData("12345", false)]
    [InlineData("1234567", false)]
    [InlineData("12345a", false)]
    [InlineData("１２３４５６", false)]
    public void One_time_password_is_six_digits(string value, bool valid)
    {
        Assert.Equal(valid, OneTimePassword.IsValid(value));
    }

    [Fact]
    public void Secrets_never_print_their_value()
    {
        var password = LoginPassword.Parse("Sandbox-Pass-01");
        var otp = OneTimePassword.Parse("123456");
        var ticket = new EnrollmentTicket("user", "ticket-password-value", DateTimeOffset.UnixEpoch);
        var pair = new TimeSyncPair(otp, OneTimePassword.Parse("654321"));

        var printed = $"{password} {otp} {ticket} {pair}";

        Assert.DoesNotContain("Sandbox-Pass-01", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("123456", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("654321", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("ticket-password-value", printed, StringComparison.Ordinal);
        Assert.Contains(Secret.Mask, printed, StringComparison.Ordinal);
    }

    [Fact]
    public void A_secret_matches_only_its_own_value()
    {
        var password = LoginPassword.Parse("Sandbox-Pass-01");

        Assert.True(password.Matches("Sandbox-Pass-01"));
        Assert.False(password.Matches("Sandbox-Pass-02"));
        Assert.False(password.Matches(null));
    }

    [Fact]
    public void Parsing_an_invalid_value_does_not_echo_it()
    {
        var ex = Assert.Throws<FormatException>(() => LoginPassword.Parse("short"));

        Assert.DoesNotContain("short", ex.Message, StringComparison.Ordinal);
    }
}
