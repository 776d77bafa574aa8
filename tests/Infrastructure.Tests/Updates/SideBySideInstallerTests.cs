using System.Security.Cryptography;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using CertPlatform.TestSupport;

namespace CertPlatform.Infrastructure.Tests.Updates;

/// <summary>The staged install: versions side by side, an atomic switch of the current pointer, nothing half done.</summary>
public sealed class SideBySideInstallerTests : IDisposable
{
    private readonly UpdateFeedServer _feed = new();

    public void Dispose() => _feed.Dispose();

    [Fact]
    public async Task Installing_unpacks_the_version_and_switches_the_current_pointer()
    {
        var installer = _feed.Installer();

        var installed = await installer.InstallAsync(Stage("1.1.0", UpdateFeedServer.ReleaseZip("1.1.0")), CancellationToken.None);

        Assert.Equal("1.1.0", installed.ToString());
        Assert.Equal("1.1.0", installer.InstalledVersion!.ToString());
        Assert.Equal("helper 1.1.0", File.ReadAllText(Path.Combine(installer.VersionsDirectory, "1.1.0", "CertPlatform.LocalHost")));
        Assert.True(File.Exists(Path.Combine(installer.VersionsDirectory, "1.1.0", "wwwroot", "index.html")));
    }

    [Fact]
    public async Task The_previous_version_stays_on_disk_beside_the_new_one()
    {
        var installer = _feed.Installer();
        await installer.InstallAsync(Stage("1.1.0", UpdateFeedServer.ReleaseZip("1.1.0")), CancellationToken.None);

        await installer.InstallAsync(Stage("1.2.0", UpdateFeedServer.ReleaseZip("1.2.0")), CancellationToken.None);

        Assert.Equal("1.2.0", installer.InstalledVersion!.ToString());
        Assert.True(Directory.Exists(Path.Combine(installer.VersionsDirectory, "1.1.0")));
    }

    public static TheoryData<string, byte[]> BrokenPackages() => new()
    {
        { "not a zip", "this is not a zip file at all"u8.ToArray() },
        { "a zip cut short", UpdateFeedServer.ReleaseZip("1.2.0", padding: 5000)[..3000] },
        { "an entry escaping the folder", UpdateFeedServer.Zip(("CertPlatform.LocalHost", "x"), ("../../escaped.txt", "x")) },
        { "an absolute entry", UpdateFeedServer.Zip(("CertPlatform.LocalHost", "x"), ("/tmp/escaped.txt", "x")) },
        { "no entry point", UpdateFeedServer.Zip(("README.txt", "nothing to run")) },
        { "a duplicated entry", UpdateFeedServer.Zip(("CertPlatform.LocalHost", "a"), ("CertPlatform.LocalHost", "b")) },
    };

    [Theory]
    [MemberData(nameof(BrokenPackages))]
    public async Task A_failed_install_is_G021e_and_the_old_version_stays_current(string kind, byte[] package)
    {
        Assert.NotNull(kind);
        var installer = _feed.Installer();
        await installer.InstallAsync(Stage("1.1.0", UpdateFeedServer.ReleaseZip("1.1.0")), CancellationToken.None);

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => installer.InstallAsync(Stage("1.2.0", package), CancellationToken.None));

        Assert.Equal("G021e", ex.Error.Code);
        Assert.Equal("1.1.0", installer.InstalledVersion!.ToString());
        Assert.Equal(["1.1.0"], Directory.EnumerateFileSystemEntries(installer.VersionsDirectory).Select(Path.GetFileName));
        Assert.Equal("helper 1.1.0", File.ReadAllText(Path.Combine(installer.VersionsDirectory, "1.1.0", "CertPlatform.LocalHost")));
        Assert.False(File.Exists(Path.Combine(_feed.DataDirectory, "escaped.txt")));
    }

    [Fact]
    public async Task A_failed_first_install_leaves_no_pointer_so_the_running_version_stays_in_use()
    {
        var installer = _feed.Installer();

        await Assert.ThrowsAsync<CertPlatformException>(() =>
            installer.InstallAsync(Stage("1.2.0", UpdateFeedServer.Zip(("README.txt", "x"))), CancellationToken.None));

        Assert.Null(installer.InstalledVersion);
        Assert.False(File.Exists(installer.PointerPath));
    }

    [Fact]
    public async Task A_staged_package_changed_after_the_download_is_refused_with_G407e()
    {
        var installer = _feed.Installer();
        var staged = Stage("1.2.0", UpdateFeedServer.ReleaseZip("1.2.0"));
        await File.WriteAllBytesAsync(staged.Path, UpdateFeedServer.ReleaseZip("6.6.6"));

        var ex = await Assert.ThrowsAsync<CertPlatformException>(() => installer.InstallAsync(staged, CancellationToken.None));

        Assert.Equal("G407e", ex.Error.Code);
        Assert.Null(installer.InstalledVersion);
    }

    [UnixFact]
    public async Task What_is_unpacked_is_read_from_the_handle_the_hash_was_checked_on_not_from_the_path_again()
    {
        var installer = _feed.Installer();
        var staged = Stage("1.2.0", UpdateFeedServer.ReleaseZip("1.2.0"));
        await using var verified = await installer.OpenVerifiedAsync(staged, CancellationToken.None);

        // Replaced by name after the check (a rename, which Unix allows past an open handle; Windows refuses it, see
        // below): the open file is still the checked one.
        var swapped = staged.Path + ".swap";
        await File.WriteAllBytesAsync(swapped, UpdateFeedServer.ReleaseZip("6.6.6"));
        File.Move(swapped, staged.Path, overwrite: true);
        verified.Position = 0;

        Assert.Equal(staged.Package.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(verified)));
    }

    [WindowsFact]
    public async Task On_Windows_the_checked_package_cannot_be_changed_replaced_or_deleted_until_the_install_ends()
    {
        var installer = _feed.Installer();
        var staged = Stage("1.2.0", UpdateFeedServer.ReleaseZip("1.2.0"));
        await using var verified = await installer.OpenVerifiedAsync(staged, CancellationToken.None);

        Assert.Throws<IOException>(() => File.WriteAllBytes(staged.Path, UpdateFeedServer.ReleaseZip("6.6.6")));
        Assert.Throws<IOException>(() => File.Delete(staged.Path));
        Assert.Throws<IOException>(() => File.Move(staged.Path, staged.Path + ".moved"));
        using var reader = new FileStream(staged.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Assert.Equal(staged.Package.Size, reader.Length);
    }

    [Fact]
    public async Task A_folder_left_by_an_earlier_attempt_is_replaced()
    {
        var installer = _feed.Installer();
        var leftover = Directory.CreateDirectory(Path.Combine(installer.VersionsDirectory, "1.2.0"));
        await File.WriteAllTextAsync(Path.Combine(leftover.FullName, "stale.txt"), "from an earlier attempt");

        await installer.InstallAsync(Stage("1.2.0", UpdateFeedServer.ReleaseZip("1.2.0")), CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(leftover.FullName, "stale.txt")));
        Assert.Equal(["1.2.0"], Directory.EnumerateFileSystemEntries(installer.VersionsDirectory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task The_pointer_is_switched_without_leaving_temporary_files()
    {
        var installer = _feed.Installer();

        await installer.InstallAsync(Stage("1.2.0", UpdateFeedServer.ReleaseZip("1.2.0")), CancellationToken.None);

        Assert.Equal(["current", "versions"], Directory.EnumerateFileSystemEntries(installer.Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal("1.2.0\n", File.ReadAllText(installer.PointerPath));
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_app_host_stays_executable_as_the_package_says()
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, mode) in new[] { ("CertPlatform.LocalHost.dll", 0x1A4), ("CertPlatform.LocalHost", 0x1ED) })
            {
                var entry = zip.CreateEntry(name);
                entry.ExternalAttributes = (0x8000 | mode) << 16; // a regular file, rw-r--r-- or rwxr-xr-x, as zip -X and Python write it
                using var stream = entry.Open();
                stream.Write("x"u8);
            }
        }

        var installer = _feed.Installer();
        await installer.InstallAsync(Stage("1.1.0", buffer.ToArray()), CancellationToken.None);

        var folder = Path.Combine(installer.VersionsDirectory, "1.1.0");
        Assert.True(File.GetUnixFileMode(Path.Combine(folder, "CertPlatform.LocalHost")).HasFlag(UnixFileMode.UserExecute));
        Assert.False(File.GetUnixFileMode(Path.Combine(folder, "CertPlatform.LocalHost.dll")).HasFlag(UnixFileMode.UserExecute));
    }

    private StagedPackage Stage(string version, byte[] content)
    {
        var directory = Directory.CreateDirectory(Path.Combine(_feed.DataDirectory, "staged", Guid.NewGuid().ToString("N")));
        var path = Path.Combine(directory.FullName, "package.zip");
        File.WriteAllBytes(path, content);
        var package = new UpdatePackage(new Uri("p.zip", UriKind.Relative), content.Length, Convert.ToHexStringLower(SHA256.HashData(content)));
        return new StagedPackage(SemanticVersion.Parse(version), package, path);
    }
}
