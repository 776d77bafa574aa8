using System.Security.Cryptography;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Infrastructure.Stores;
using CertPlatform.TestSupport;

namespace CertPlatform.Infrastructure.Tests.Stores;

/// <summary>The pending installs and renewals in <c>helper.db</c>: what a restart finds, what is owned, what stays on the disk.</summary>
public sealed class HelperRecordsTests : IDisposable
{
    private readonly HelperPaths _paths = new(Directory.CreateTempSubdirectory("certplatform-records-").FullName, Path.GetTempPath());

    public void Dispose() => Directory.Delete(_paths.DataDirectory, recursive: true);

    [Fact]
    public void A_record_of_this_run_is_not_unfinished_until_released_and_a_restart_finds_it_with_its_key()
    {
        var install = Install("AA");
        using (var records = Open())
        {
            records.Save(install);
            Assert.Empty(records.Unfinished());
            Assert.False(records.AnyUnfinished);
            records.Release("AA");
            Assert.True(records.AnyUnfinished);
        }

        using var restarted = Open();
        var found = Assert.Single(restarted.Unfinished());
        Assert.Equal(install.SoftwareKey, found.SoftwareKey);
        Assert.Equal(install.Certificate, found.Certificate);
        Assert.Equal(KeyAlgorithm.EcdsaP256, found.Algorithm);
    }

    [Fact]
    public void Completing_a_renewal_marks_its_old_certificate_superseded_and_that_survives_a_restart()
    {
        using (var records = Open())
        {
            var install = Install("BB") with { Renews = "aa" };
            records.Save(install);
            records.Complete(install);
            Assert.Equal("BB", records.SuccessorOf("AA"));
        }

        using var restarted = Open();
        Assert.Equal("BB", restarted.SuccessorOf("aa"));
        Assert.False(restarted.AnyUnfinished);
    }

    [Fact]
    public void A_completed_records_key_is_nowhere_in_the_database_files()
    {
        var install = Install("CC");
        using (var records = Open())
        {
            records.Save(install);
            records.Complete(install);
        }

        var needle = install.SoftwareKey![^48..];
        foreach (var file in Directory.GetFiles(_paths.DataDirectory, "helper.db*"))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.True(bytes.AsSpan().IndexOf(needle) < 0, $"{Path.GetFileName(file)} still holds the key");
        }
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_G262e_naming_the_file()
    {
        Directory.CreateDirectory(_paths.DataDirectory);
        File.WriteAllText(_paths.RecordsDatabase, "garbage, not SQLite, long enough to have a header of sorts......");

        using var records = Open();
        var ex = Assert.Throws<CertPlatformException>(records.EnsureReadable);

        Assert.Same(ErrorCatalog.G262e, ex.Error);
        Assert.Contains(_paths.RecordsDatabase, ex.InnerException!.Message, StringComparison.Ordinal);
    }

    [UnixFact]
    public void The_database_is_the_users_only()
    {
        using (var records = Open())
        {
            records.Save(Install("DD"));
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_paths.RecordsDatabase));
        }
    }

    private HelperRecords Open() => new(_paths, TimeProvider.System);

    private static PendingInstall Install(string thumbprint)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new PendingInstall(thumbprint, RandomNumberGenerator.GetBytes(300), KeyAlgorithm.EcdsaP256, null, key.ExportPkcs8PrivateKey(), null, DateTimeOffset.UtcNow);
    }
}
