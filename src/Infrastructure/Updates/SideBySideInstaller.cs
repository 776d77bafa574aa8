using System.IO.Compression;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Updates;

/// <summary>
/// Installs a release next to the running one: the zip is unpacked into a temporary folder, moved to
/// <c>versions/&lt;version&gt;/</c> once complete, and only then the <c>current</c> pointer file is switched (written
/// to a temporary file and renamed over the old one). A failure at any step leaves the old pointer, so the
/// version in use stays in use; whatever the attempt created is removed. A launcher starts the version the
/// pointer names. On Windows an .msi package goes to the platform installer instead, from the handle its hash was
/// checked on, after its Authenticode signature when a publisher is configured (exercised on Windows only).
/// </summary>
public sealed class SideBySideInstaller(IOptions<UpdateOptions> options, HelperPaths paths, ILogger<SideBySideInstaller> logger)
    : IUpdateInstaller, IDisposable
{
    /// <summary>A package that unpacks to more than this is refused (a zip bomb, or not our package).</summary>
    private const long MaxUnpackedBytes = 2L * 1024 * 1024 * 1024;

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public InstalledVersions Layout => InstalledVersions.From(options.Value.InstallDirectory, paths);

    public string Root => Layout.Root;

    public string VersionsDirectory => Layout.VersionsDirectory;

    public string PointerPath => Layout.PointerPath;

    public SemanticVersion? InstalledVersion => Layout.Current;

    public async Task<SemanticVersion> InstallAsync(StagedPackage package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            // Held open from the hash check to the end of the install, read and shared for reading only: on Windows nobody
            // can replace, change or delete the package in between, and what is unpacked is what was hashed.
            await using var verified = await OpenVerifiedAsync(package, cancellationToken);
            if (InstalledVersion is { } installed && installed >= package.Version)
            {
                logger.LogInformation("Version {Version} is already installed ({Installed})", package.Version, installed);
                return installed;
            }

            if (OperatingSystem.IsWindows() && package.Path.EndsWith(".msi", StringComparison.OrdinalIgnoreCase))
            {
                CheckSignature(package.Path, verified);
                await WindowsInstaller.RunAsync(package.Path, logger, cancellationToken);

                // The Windows Installer replaced the packaged app in the folder it chose: that is what runs next, not
                // a side-by-side version (the pointer must not name a folder the .msi never wrote).
                Layout.SetCurrent(null);
                return package.Version;
            }

            return InstallSideBySide(package, verified);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private SemanticVersion InstallSideBySide(StagedPackage package, FileStream verified)
    {
        var version = package.Version;
        var target = Layout.DirectoryOf(version);
        var temporary = Path.Combine(VersionsDirectory, $".{version}.{Guid.NewGuid():N}.tmp");
        string? displaced = null;
        var movedIn = false;
        try
        {
            Directory.CreateDirectory(VersionsDirectory);
            Unpack(verified, temporary);

            // A folder of this version from an earlier attempt is not in use (the pointer never named it).
            if (Directory.Exists(target))
            {
                displaced = $"{target}.{Guid.NewGuid():N}.old";
                Directory.Move(target, displaced);
            }

            Directory.Move(temporary, target);
            movedIn = true;
            WritePointer(version);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or NotSupportedException)
        {
            RollBack(temporary, target, displaced, movedIn);
            logger.LogError(ex, "Installing version {Version} failed; {Current} stays in use", version, InstalledVersion?.ToString() ?? "the running version");
            throw new CertPlatformException(ErrorCatalog.G021e, innerException: ex);
        }

        TryDelete(displaced);
        logger.LogInformation("Installed version {Version} in {Target}; it runs after a restart", version, target);
        return version;
    }

    private void Unpack(FileStream zip, string destination)
    {
        zip.Position = 0;
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        if (archive.Entries.Sum(e => e.Length) > MaxUnpackedBytes)
        {
            throw new InvalidDataException("The package unpacks to more than the limit.");
        }

        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(destination);
        foreach (var entry in archive.Entries)
        {
            // Zip slip: an entry named ../../something must not land outside the version's folder.
            var path = Path.GetFullPath(Path.Combine(destination, entry.FullName));
            if (!path.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidDataException("A package entry points outside the installation folder.");
            }

            if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
            {
                Directory.CreateDirectory(path);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path, overwrite: false);
        }

        if (!File.Exists(Path.Combine(destination, options.Value.EntryPoint)))
        {
            throw new InvalidDataException($"The package does not contain {options.Value.EntryPoint}.");
        }
    }

    private void WritePointer(SemanticVersion version) => Layout.SetCurrent(version);

    private void RollBack(string temporary, string target, string? displaced, bool movedIn)
    {
        TryDelete(temporary);
        if (movedIn)
        {
            TryDelete(target);
        }

        if (displaced is not null && !Directory.Exists(target))
        {
            try
            {
                Directory.Move(displaced, target);
            }
            catch (IOException ex)
            {
                logger.LogWarning("Could not put back {Directory}: {ExceptionType}", displaced, ex.GetType().Name);
            }
        }
    }

    private void TryDelete(string? directory)
    {
        if (directory is null || !Directory.Exists(directory))
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not remove {Directory}: {ExceptionType}", directory, ex.GetType().Name);
        }
    }

    /// <summary>
    /// The staging folder is the user's to write: the package is checked once more just before it runs, and the handle
    /// it was checked on is returned, open, for the install to read.
    /// </summary>
    internal async Task<FileStream> OpenVerifiedAsync(StagedPackage package, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(package.Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            logger.LogWarning("The downloaded package {Path} is gone", package.Path);
            throw new CertPlatformException(ErrorCatalog.G407e);
        }

        try
        {
            if (file.Length == package.Package.Size
                && CryptographicOperations.FixedTimeEquals(await SHA256.HashDataAsync(file, cancellationToken), Convert.FromHexString(package.Package.Sha256)))
            {
                return file;
            }
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }

        await file.DisposeAsync();
        logger.LogWarning("The downloaded package {Path} no longer matches its SHA-256; not installed", package.Path);
        throw new CertPlatformException(ErrorCatalog.G407e);
    }

    /// <summary>With a publisher configured, only an .msi that Windows trusts and the publisher signed is run (G412e).</summary>
    [SupportedOSPlatform("windows")]
    private void CheckSignature(string path, FileStream verified)
    {
        var settings = options.Value;
        if (!settings.ChecksMsiSignature)
        {
            return;
        }

        var result = Authenticode.Verify(path, verified.SafeFileHandle);
        if (result != 0)
        {
            logger.LogError("The installer {Package} has no valid Authenticode signature (WinVerifyTrust 0x{Result:X8})", Path.GetFileName(path), result);
            throw new CertPlatformException(ErrorCatalog.G412e);
        }

        using var signer = Authenticode.SignerOf(path);
        if (!Authenticode.IsPublisher(signer, settings.MsiPublisher!))
        {
            logger.LogError("The installer {Package} is signed by {Signer} ({Thumbprint}), not by the configured publisher",
                Path.GetFileName(path), signer.Subject, signer.Thumbprint);
            throw new CertPlatformException(ErrorCatalog.G412e);
        }

        logger.LogInformation("The installer {Package} is signed by {Signer}", Path.GetFileName(path), signer.Subject);
    }
}
