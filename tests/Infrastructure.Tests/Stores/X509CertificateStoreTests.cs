using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.TestSupport;

namespace CertPlatform.Infrastructure.Tests.Stores;

public sealed class X509CertificateStoreTests : IDisposable
{
    private readonly SandboxFixture _sandbox = new();

    private ICertificateStore Store => _sandbox.Get<ICertificateStore>();

    [PrivateStoreFact]
    public void Uses_the_configured_private_store_name()
    {
        Assert.Equal($"X509Store CurrentUser\\{_sandbox.StoreName}", Store.Description);
    }

    [PrivateStoreFact]
    public void Adds_finds_lists_and_removes_a_certificate_with_its_private_key()
    {
        using var certificate = SelfSigned();

        Store.Add(certificate);
        using var found = Store.Find(certificate.Thumbprint.ToLowerInvariant());
        var listed = Store.List();
        Store.Remove(certificate.Thumbprint);

        Assert.NotNull(found);
        Assert.True(found.HasPrivateKey);
        using (var key = found.GetECDsaPrivateKey())
        {
            Assert.NotNull(key);
        }

        Assert.Single(listed, c => c.Thumbprint == certificate.Thumbprint);
        Assert.Null(Store.Find(certificate.Thumbprint));
        foreach (var c in listed)
        {
            c.Dispose();
        }
    }

    [PrivateStoreFact]
    public void A_certificate_without_its_key_is_never_installed()
    {
        using var certificate = SelfSigned();
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);

        Assert.Throws<ArgumentException>(() => Store.Add(publicOnly));
        Assert.Empty(Store.List());
    }

    [LinuxFact]
    public void The_kept_list_sees_a_certificate_another_program_added_and_one_it_removed_and_knows_the_keys()
    {
        using var first = SelfSigned();
        Store.Add(first);
        Dispose(Store.List());
        var other = new CertPlatform.Infrastructure.Stores.X509CertificateStore(
            Microsoft.Extensions.Options.Options.Create(new CertPlatform.Infrastructure.Stores.StoreOptions { Name = _sandbox.StoreName }));
        using var second = SelfSigned();

        other.Add(second);
        var afterAdd = Store.List();
        Assert.Equal(2, afterAdd.Count);
        Assert.All(afterAdd, c => Assert.False(c.HasPrivateKey, "the list hands out public-only copies"));
        Assert.All(afterAdd, c => Assert.True(Store.HoldsPrivateKeyOf(c)));

        other.Remove(first.Thumbprint);
        var afterRemove = Store.List();

        Assert.Equal([second.Thumbprint], afterRemove.Select(c => c.Thumbprint));
        Assert.False(Store.HoldsPrivateKeyOf(afterAdd.Single(c => c.Thumbprint == first.Thumbprint)));
        Dispose(afterAdd);
        Dispose(afterRemove);
    }

    [LinuxFact]
    public void A_file_left_at_0_bytes_by_a_cut_off_write_is_removed_and_the_certificate_goes_in_whole()
    {
        var store = (CertPlatform.Infrastructure.Stores.X509CertificateStore)Store;
        var directory = store.LinuxStoreDirectory!;

        using var certificate = SelfSigned();
        Store.Add(certificate);
        Store.Remove(certificate.Thumbprint);
        var torn = Path.Combine(directory, certificate.Thumbprint + ".pfx");
        File.WriteAllBytes(torn, []);
        Assert.Empty(Store.List());

        Store.Add(certificate);

        Assert.Equal([certificate.Thumbprint + ".pfx"], Directory.GetFiles(directory).Select(Path.GetFileName));
        Assert.True(new FileInfo(torn).Length > 0);
        using var found = Store.Find(certificate.Thumbprint);
        Assert.True(found!.HasPrivateKey);
    }

    private static void Dispose(IEnumerable<X509Certificate2> certificates)
    {
        foreach (var certificate in certificates)
        {
            certificate.Dispose();
        }
    }

    [WindowsFact]
    [System.Runtime.Versioning.SupportedOSPlatform("windows")]
    public void Removing_a_certificate_deletes_the_CNG_key_the_helper_made_for_it()
    {
        using var certificate = SelfSigned();
        string name;
        using (var key = (ECDsaCng)certificate.GetECDsaPrivateKey()!)
        {
            name = key.Key.KeyName!;
        }

        Store.Add(certificate);
        Assert.True(CngKey.Exists(name, CngProvider.MicrosoftSoftwareKeyStorageProvider));

        Store.Remove(certificate.Thumbprint);

        Assert.False(CngKey.Exists(name, CngProvider.MicrosoftSoftwareKeyStorageProvider), "the removed certificate's key is gone");
        Assert.Null(Store.Find(certificate.Thumbprint));
    }

    /// <summary>
    /// A certificate with the key the production key factory makes: on Windows a persisted CNG key (an ephemeral
    /// <c>ECDsa.Create()</c> key would be stored without its key there, dotnet/runtime #86328), elsewhere a software key.
    /// </summary>
    private static X509Certificate2 SelfSigned()
    {
        var factory = new CertPlatform.Infrastructure.Keys.PlatformKeyFactory(
            Microsoft.Extensions.Options.Options.Create(new CertPlatform.Infrastructure.Keys.KeyOptions { Protection = CertPlatform.Domain.Certificates.KeyProtection.Software }));
        using var key = factory.Create(CertPlatform.Domain.Certificates.KeyAlgorithm.EcdsaP256);
        return new CertificateRequest("CN=store test", (ECDsa)key.Key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public void Dispose() => _sandbox.Dispose();
}
