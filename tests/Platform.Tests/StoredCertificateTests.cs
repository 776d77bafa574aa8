using System.Security.Cryptography.X509Certificates;
using CertPlatform.Infrastructure.Stores;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Options;

namespace CertPlatform.Platform.Tests;

/// <summary>
/// On every OS with private store names (Linux, Windows): the certificate the helper stored is, for another process of
/// the user, a certificate with a private key that signs and that logs in to the sandbox bank over TLS client authentication; removal takes it away.
/// The Windows specifics of the same certificate are in <see cref="WindowsKeyTests"/>.
/// </summary>
public sealed class StoredCertificateTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("certplatform-platform-").FullName;
    private readonly string _storeName = $"CertPlatformPlatform-{Guid.NewGuid():N}";

    public void Dispose()
    {
        StoreCleanup.Delete(_storeName);
        Directory.Delete(_home, recursive: true);
    }

    [PrivateStoreTheory]
    [InlineData("RSA-2048")]
    [InlineData("RSA-3072")]
    [InlineData("ECDSA-P256")]
    public async Task The_stored_certificate_signs_and_logs_in_to_the_HTTPS_sandbox_bank_in_another_process_and_removal_takes_it_away(string keyAlgorithm)
    {
        var thumbprint = await StoredCertificate.IssueAsync(_home, _storeName, keyAlgorithm);

        using (var certificate = StoredCertificate.Find(_storeName, thumbprint))
        {
            Assert.True(certificate.HasPrivateKey);
            StoredCertificate.AssertSigns(certificate);
            Assert.Equal(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), await StoredCertificate.LogInToTheSandboxBankAsync(_home, _storeName, certificate));
        }

        new X509CertificateStore(Options.Create(new StoreOptions { Name = _storeName })).Remove(thumbprint);

        using var store = new X509Store(_storeName, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly);
        Assert.Empty(store.Certificates);
    }
}
