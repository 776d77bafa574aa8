using CertPlatform.Application.Behaviours;
using CertPlatform.Application.Issuance;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Application.Tests.Issuance;

public class IssueCertificateValidatorTests
{
    private readonly IssueCertificateValidator _validator = new();

    [Theory]
    [InlineData("demo01", "Sandbox-Pass-01", null)]
    [InlineData("demo01", "Sandbox-Pass-01", "RSA-2048")]
    [InlineData("demo01", "Sandbox-Pass-01", "rsa3072")]
    [InlineData("demo01", "Sandbox-Pass-01", "ECDSA-P256")]
    public void Accepts_well_formed_input(string loginId, string password, string? algorithm)
    {
        Assert.True(_validator.Validate(new IssueCertificate(loginId, password, algorithm)).IsValid);
    }

    [Theory]
    [InlineData("", "Sandbox-Pass-01", null, "LoginId")]
    [InlineData("abc", "Sandbox-Pass-01", null, "LoginId")]
    [InlineData("demo01<script>", "Sandbox-Pass-01", null, "LoginId")]
    [InlineData("demo01", "", null, "Password")]
    [InlineData("demo01", "short", null, "Password")]
    [InlineData("demo01", "Sandbox-Pass-01", "DSA-1024", "KeyAlgorithm")]
    public void Refuses_malformed_input_field_by_field(string loginId, string password, string? algorithm, string field)
    {
        var result = _validator.Validate(new IssueCertificate(loginId, password, algorithm));

        var failure = Assert.Single(result.Errors);
        Assert.Equal(field, failure.PropertyName);
        Assert.IsType<LocalizedText>(failure.CustomState);
    }

    [Fact]
    public async Task The_validation_behaviour_turns_failures_into_G006e_with_camel_case_fields()
    {
        var behaviour = new ValidationBehaviour<IssueCertificate, string>([_validator]);
        var called = false;

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => behaviour.Handle(
            new IssueCertificate("x", "y"),
            (_, _) => { called = true; return ValueTask.FromResult("issued"); },
            default).AsTask());

        Assert.False(called);
        Assert.Same(ErrorCatalog.G006e, ex.Error);
        Assert.Equal(["loginId", "password"], ex.FieldErrors.Keys.Order());
    }

    [Fact]
    public async Task The_validation_behaviour_passes_valid_messages_on()
    {
        var behaviour = new ValidationBehaviour<IssueCertificate, string>([_validator]);

        var result = await behaviour.Handle(new IssueCertificate("demo01", "Sandbox-Pass-01"), (_, _) => ValueTask.FromResult("issued"), default);

        Assert.Equal("issued", result);
    }
}
