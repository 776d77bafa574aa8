using CertPlatform.Infrastructure.Stores;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Options;

namespace CertPlatform.Platform.Tests;

/// <summary>
/// On every OS with private store names (Linux, Windows): the certificate the helper stored is, for another process of
/// the user, a certificate with a private key that signs and that authenticates a TLS client; removal takes it away.
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
    public async Task The_stored_certificate_signs_and_authenticates_a_TLS_client_in_another_process_and_removal_takes_it_away(string keyAlgorithm)
    {
        var thumbprint = await StoredCertificate.IssueAsync(_home, _storeName, keyAlgorithm);

        using (var certificate = StoredCertificate.Find(_storeName, thumbprint))
        {
            Assert.True(certificate.HasPrivateKey);
            StoredCertificate.AssertSigns(certificate);
            Assert.Equal(thumbprint, await StoredCertificate.AuthenticateTlsClientAsync(certificate), ignoreCase: true);
        }

        new X509CertificateStore(Options.Create(new StoreOptions { Name = _storeName })).Remove(thumbprint);

        using var store = new System.Security.Cryptography.X509Certificates.X509Store(_storeName, System.Security.Cryptography.X509Certificates.StoreLocation.CurrentUser);
        store.Open(System.Security.Cryptography.X509Certificates.OpenFlags.ReadOnly);
        Assert.Empty(store.Certificates);
    }
}
