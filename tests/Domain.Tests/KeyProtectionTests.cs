using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Domain.Tests;

/// <summary>Keys:Protection: where a new key is made, given what this PC's TPM makes.</summary>
public sealed class KeyProtectionTests
{
    [Theory]
    [InlineData(KeyProtection.Auto, true, KeyStorage.Tpm)]
    [InlineData(KeyProtection.Auto, false, KeyStorage.Software)]
    [InlineData(KeyProtection.Software, true, KeyStorage.Software)]
    [InlineData(KeyProtection.Software, false, KeyStorage.Software)]
    [InlineData(KeyProtection.Tpm, true, KeyStorage.Tpm)]
    public void The_key_goes_where_the_setting_and_the_TPM_allow(KeyProtection protection, bool tpmMakes, KeyStorage expected)
    {
        Assert.Equal(expected, KeyProtectionChoice.Choose(protection, KeyAlgorithm.EcdsaP256, _ => tpmMakes));
    }

    [Fact]
    public void Requiring_the_TPM_where_it_cannot_make_the_key_is_G234e_before_any_key_exists()
    {
        var asked = new List<KeyAlgorithm>();

        var ex = Assert.Throws<CertPlatformException>(() => KeyProtectionChoice.Choose(KeyProtection.Tpm, KeyAlgorithm.Rsa3072, a =>
        {
            asked.Add(a);
            return a != KeyAlgorithm.Rsa3072;
        }));

        Assert.Equal("G234e", ex.Error.Code);
        Assert.Equal([KeyAlgorithm.Rsa3072], asked);
        Assert.Contains("Keys:Protection", ex.Error.Remedy.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Software_never_asks_the_TPM()
    {
        Assert.Equal(KeyStorage.Software, KeyProtectionChoice.Choose(KeyProtection.Software, KeyAlgorithm.Rsa2048, _ => throw new InvalidOperationException("asked")));
    }
}
