using System.Security.Cryptography;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Keys;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Tests.Keys;

/// <summary>The key factory off Windows (software keys only); Windows keys are tested in tests/Platform.Tests.</summary>
public sealed class PlatformKeyFactoryTests
{
    private static PlatformKeyFactory Factory(KeyProtection protection) => new(Options.Create(new KeyOptions { Protection = protection }));

    [NotWindowsTheory]
    [InlineData(KeyProtection.Auto)]
    [InlineData(KeyProtection.Software)]
    public void Without_Windows_a_key_is_a_software_key_that_signs(KeyProtection protection)
    {
        using var key = Factory(protection).Create(KeyAlgorithm.EcdsaP256);

        Assert.Equal(KeyStorage.Software, key.Storage);
        Assert.Null(key.PersistedName);
        var signature = ((ECDsa)key.Key).SignData("data"u8, HashAlgorithmName.SHA256);
        Assert.True(((ECDsa)key.Key).VerifyData("data"u8, signature, HashAlgorithmName.SHA256));
        Assert.False(Factory(protection).MayUseTpm);
    }

    [NotWindowsFact]
    public void Requiring_the_TPM_where_there_is_none_fails_with_G234e()
    {
        var ex = Assert.Throws<CertPlatformException>(() => Factory(KeyProtection.Tpm).Create(KeyAlgorithm.Rsa2048));

        Assert.Equal("G234e", ex.Error.Code);
    }
}
