using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Keys;
using CertPlatform.Infrastructure.Stores;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Platform.Tests;

/// <summary>
/// The manual's promise on Windows: the private key cannot leave the PC. Checked in this process after the helper
/// (another process) issued the certificate into a store of the test's own name: a persisted, non-exportable CNG key
/// of the expected provider that signs; no export of it works; certutil reports the provider and "not exportable";
/// removal deletes the key; a failed issuance leaves no key; the API token's ACL names nobody else.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class WindowsKeyTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("certplatform-windows-").FullName;
    private readonly string _storeName = $"CertPlatformPlatform-{Guid.NewGuid():N}";

    public void Dispose()
    {
        StoreCleanup.Delete(_storeName);
        Directory.Delete(_home, recursive: true);
    }

    [WindowsTheory]
    [InlineData("RSA-2048")]
    [InlineData("RSA-3072")]
    [InlineData("ECDSA-P256")]
    public async Task The_stored_key_is_a_persisted_non_exportable_CNG_key_that_signs_and_removal_deletes_it(string keyAlgorithm)
    {
        var thumbprint = await StoredCertificate.IssueAsync(_home, _storeName, keyAlgorithm);
        string keyName;
        using (var certificate = StoredCertificate.Find(_storeName, thumbprint))
        {
            Assert.True(certificate.HasPrivateKey);
            using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()!;
            var cng = keyAlgorithm.StartsWith("RSA", StringComparison.Ordinal) ? Assert.IsType<RSACng>(key).Key : Assert.IsType<ECDsaCng>(key).Key;
            Assert.Equal(CngProvider.MicrosoftSoftwareKeyStorageProvider, cng.Provider);
            Assert.Equal(CngExportPolicies.None, cng.ExportPolicy);
            Assert.False(cng.IsEphemeral);
            Assert.StartsWith(PlatformKeyFactory.KeyNamePrefix, cng.KeyName, StringComparison.Ordinal);
            keyName = cng.KeyName!;

            Assert.ThrowsAny<CryptographicException>(() => key.ExportPkcs8PrivateKey());
            Assert.ThrowsAny<CryptographicException>(() => certificate.Export(X509ContentType.Pkcs12, "any password"));
            StoredCertificate.AssertSigns(certificate);
            Assert.Equal(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), await StoredCertificate.LogInToTheSandboxBankAsync(_home, _storeName, certificate));
        }

        var (exitCode, output) = await ExternalTool.Run("certutil", "-user", "-store", _storeName, thumbprint);
        Assert.True(exitCode == 0, output);
        Assert.Contains("Microsoft Software Key Storage Provider", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not exportable", output, StringComparison.OrdinalIgnoreCase);

        new X509CertificateStore(Options.Create(new StoreOptions { Name = _storeName })).Remove(thumbprint);

        Assert.False(CngKey.Exists(keyName, CngProvider.MicrosoftSoftwareKeyStorageProvider), "the removed certificate's key is gone");
    }

    [WindowsFact]
    public async Task A_certificate_that_fails_the_check_leaves_no_key_and_the_store_unchanged()
    {
        using var fixture = new SandboxFixture(new Dictionary<string, string?> { ["Keys:Protection"] = "Software" });
        var keys = new NamingKeyFactory(fixture.Get<IKeyFactory>());
        var store = fixture.Get<ICertificateStore>();
        var installer = new CertificateInstaller(
            keys, fixture.Get<ICertificateAuthority>(), store, fixture.Get<IssuedCertificateVerifier>(), fixture.Get<IPendingInstalls>(),
            TimeProvider.System, NullLogger<CertificateInstaller>.Instance);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new CertificateSubject("Sample Shinkumi Bank", "0001", "demo01");

        // The "CA" answers with a certificate for a key that is not the one the helper made: the check refuses it.
        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => installer.InstallAsync(subject, KeyAlgorithm.EcdsaP256, (_, _) =>
            Task.FromResult(new CertificateRequest("CN=demo01", otherKey, HashAlgorithmName.SHA256)
                .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1))), CancellationToken.None));

        Assert.Equal("G204e", ex.Error.Code);
        Assert.NotNull(keys.LastName);
        Assert.False(CngKey.Exists(keys.LastName, CngProvider.MicrosoftSoftwareKeyStorageProvider), "the key of the refused certificate is deleted");
        Assert.Empty(store.List());
    }

    [TpmFact]
    public void In_the_TPM_a_P256_and_an_RSA_2048_key_are_made_sign_and_attach_to_a_certificate_and_are_deleted_on_discard()
    {
        var factory = new PlatformKeyFactory(Options.Create(new KeyOptions { Protection = KeyProtection.Tpm }));
        foreach (var algorithm in new[] { KeyAlgorithm.EcdsaP256, KeyAlgorithm.Rsa2048 })
        {
            var key = factory.Create(algorithm);
            var name = key.PersistedName!;
            try
            {
                Assert.Equal(KeyStorage.Tpm, key.Storage);
                var request = algorithm == KeyAlgorithm.EcdsaP256
                    ? new CertificateRequest("CN=tpm test", (ECDsa)key.Key, HashAlgorithmName.SHA256)
                    : new CertificateRequest("CN=tpm test", (RSA)key.Key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

                // CreateSelfSigned attaches the key with CopyWithPrivateKey: dotnet/runtime #75971 broke that for TPM ECDSA keys.
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
                StoredCertificate.AssertSigns(certificate);
                Assert.Equal((KeyStorage.Tpm, false), CertificateKeys.PrivateKeyOf(certificate)!.Value);
            }
            finally
            {
                key.Discard();
            }

            Assert.False(CngKey.Exists(name, new CngProvider(PlatformKeyFactory.TpmProviderName)));
        }
    }

    [TpmFact]
    public void RSA_3072_does_not_go_to_the_TPM_Auto_makes_it_in_software_and_Tpm_refuses_it_with_G234e()
    {
        using var auto = new PlatformKeyFactory(Options.Create(new KeyOptions { Protection = KeyProtection.Auto })).Create(KeyAlgorithm.Rsa3072);
        Assert.Equal(KeyStorage.Software, auto.Storage);
        auto.Discard();

        var tpm = new PlatformKeyFactory(Options.Create(new KeyOptions { Protection = KeyProtection.Tpm }));
        Assert.Equal("G234e", Assert.Throws<CertPlatformException>(() => tpm.Create(KeyAlgorithm.Rsa3072)).Error.Code);
    }

    [WindowsFact]
    public async Task The_API_token_file_gives_no_other_user_access()
    {
        await StoredCertificate.IssueAsync(_home, _storeName, "ECDSA-P256");

        var (exitCode, output) = await ExternalTool.Run("icacls", StoredCertificate.ApiTokenPath(_home));

        Assert.True(exitCode == 0, output);
        Assert.Contains(Environment.UserName, output, StringComparison.OrdinalIgnoreCase);
        foreach (var group in new[] { "Everyone", "BUILTIN\\Users", "Authenticated Users", "S-1-1-0", "S-1-5-11", "S-1-5-32-545" })
        {
            Assert.DoesNotContain(group, output, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>The real key factory, remembering the name of the last key it made.</summary>
    private sealed class NamingKeyFactory(IKeyFactory inner) : IKeyFactory
    {
        public string? LastName { get; private set; }

        public GeneratedKey Create(KeyAlgorithm algorithm)
        {
            var key = inner.Create(algorithm);
            LastName = key.PersistedName;
            return key;
        }

        public GeneratedKey Restore(PendingInstall install) => inner.Restore(install);
    }
}

/// <summary>A test of keys in the TPM: Windows with the Microsoft Platform Crypto Provider (GitHub's hosted runners have no TPM).</summary>
public sealed class TpmFactAttribute : FactAttribute
{
    public TpmFactAttribute()
    {
        Skip = !OperatingSystem.IsWindows() ? WindowsFactAttribute.Reason
            : HasTpm() ? null : "This Windows PC has no usable TPM (the Microsoft Platform Crypto Provider does not open); GitHub's hosted runners have none";
    }

    private static bool HasTpm()
    {
        if (!OperatingSystem.IsWindows())
        {
            return false;
        }

        try
        {
            CngKey.Exists("CertPlatform-probe", new CngProvider(PlatformKeyFactory.TpmProviderName));
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
