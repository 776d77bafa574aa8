using System.Text;
using CertPlatform.Sandbox.Totp;
using OtpNet;

namespace CertPlatform.Sandbox.Tests.Totp;

/// <summary>RFC 6238 Appendix B: the reference implementation's codes for its own secrets, 8 digits, 30-second steps.</summary>
public class TotpTokenTests
{
    private static readonly TotpToken Sha1 = new(Encoding.ASCII.GetBytes("12345678901234567890"), 30, 8, OtpHashMode.Sha1);
    private static readonly TotpToken Sha256 = new(Encoding.ASCII.GetBytes("12345678901234567890123456789012"), 30, 8, OtpHashMode.Sha256);
    private static readonly TotpToken Sha512 = new(
        Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234"), 30, 8, OtpHashMode.Sha512);

    /// <summary>RFC 6238 Appendix B, SHA-1: the time and the code the token shows then.</summary>
    public static TheoryData<long, string> Sha1Vectors { get; } = new()
    {
        { 59L, "94287082" },
        { 1111111109L, "07081804" },
        { 1111111111L, "14050471" },
        { 1234567890L, "89005924" },
        { 2000000000L, "69279037" },
        { 20000000000L, "65353130" },
    };

    [Theory]
    [MemberData(nameof(Sha1Vectors))]
    public void The_RFC_6238_SHA1_vectors_are_the_codes_shown(long unixSeconds, string expected)
    {
        Assert.Equal(expected, Sha1.CodeAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Theory]
    [MemberData(nameof(Sha1Vectors))]
    public void The_RFC_6238_SHA1_vectors_verify_at_their_own_step(long unixSeconds, string code)
    {
        var step = Sha1.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

        Assert.Equal(step, Sha1.FindStep(code, step, window: 0));
        Assert.True(Sha1.IsCodeOfStep(code, step));
    }

    [Theory]
    [InlineData(59L, "46119246")]
    [InlineData(1111111109L, "68084774")]
    [InlineData(1111111111L, "67062674")]
    [InlineData(1234567890L, "91819424")]
    [InlineData(2000000000L, "90698825")]
    [InlineData(20000000000L, "77737706")]
    public void The_RFC_6238_SHA256_vectors_are_the_codes_shown(long unixSeconds, string expected)
    {
        Assert.Equal(expected, Sha256.CodeAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Theory]
    [InlineData(59L, "90693936")]
    [InlineData(1111111109L, "25091201")]
    [InlineData(1111111111L, "99943326")]
    [InlineData(1234567890L, "93441116")]
    [InlineData(2000000000L, "38618901")]
    [InlineData(20000000000L, "47863826")]
    public void The_RFC_6238_SHA512_vectors_are_the_codes_shown(long unixSeconds, string expected)
    {
        Assert.Equal(expected, Sha512.CodeAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));
    }

    [Fact]
    public void The_RFC_vector_steps_are_counted_from_the_epoch()
    {
        Assert.Equal(1L, Sha1.StepAt(DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal(0x23523EC, Sha1.StepAt(DateTimeOffset.FromUnixTimeSeconds(1111111109)));
    }

    [Fact]
    public void A_code_is_found_within_its_window_and_not_beyond()
    {
        var step = Sha1.StepAt(DateTimeOffset.FromUnixTimeSeconds(1111111109));
        var code = Sha1.CodeOfStep(step);

        Assert.Equal(step, Sha1.FindStep(code, step + 2, window: 2));
        Assert.Equal(step, Sha1.FindStep(code, step - 2, window: 2));
        Assert.Null(Sha1.FindStep(code, step + 3, window: 2));
    }

    [Fact]
    public void A_code_of_the_wrong_length_is_never_found()
    {
        var step = Sha1.StepAt(DateTimeOffset.FromUnixTimeSeconds(59));

        Assert.Null(Sha1.FindStep("9428708", step, window: 1));
        Assert.Null(Sha1.FindStep("942870820", step, window: 1));
    }

    [Fact]
    public void A_sixty_second_token_changes_its_code_at_the_minute()
    {
        var token = TotpToken.FromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", 60, 6);
        var minute = new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(token.CodeAt(minute), token.CodeAt(minute.AddSeconds(59.999)));
        Assert.NotEqual(token.CodeAt(minute), token.CodeAt(minute.AddSeconds(60)));
        Assert.Equal(60, token.SecondsRemainingAt(minute));
        Assert.Equal(1, token.SecondsRemainingAt(minute.AddSeconds(59)));
        Assert.Equal(token.CodeAt(minute), token.CodeOfStep(token.StepAt(minute)));
    }
}
