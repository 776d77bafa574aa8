namespace CertPlatform.Infrastructure.Stores;

/// <summary>Which certificate store the helper installs into.</summary>
public enum StoreKind
{
    /// <summary>
    /// The store the user's browser reads: on Linux the NSS database when the NSS tools are installed (Chromium and
    /// Firefox do not read the .NET store), otherwise <see cref="X509"/>.
    /// </summary>
    Auto,

    /// <summary>The .NET <c>X509Store</c>: CurrentUser\My on Windows, the keychain on macOS, the .NET user store on Linux.</summary>
    X509,

    /// <summary>The NSS database Chromium and Firefox read on Linux, through the NSS tools (<c>certutil</c>, <c>pk12util</c>).</summary>
    Nss,
}

/// <summary>Configuration section <c>Store</c>.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    public StoreKind Kind { get; set; } = StoreKind.Auto;

    /// <summary>The CurrentUser store name for <see cref="StoreKind.X509"/>. <c>My</c> is the one browsers read; tests use a private name.</summary>
    public string Name { get; set; } = "My";

    /// <summary>The NSS database folder for <see cref="StoreKind.Nss"/>; empty means <c>$HOME/.pki/nssdb</c>, the one Chromium reads.</summary>
    public string NssDatabase { get; set; } = string.Empty;

    /// <summary>
    /// With the NSS store, also put the certificate into each Firefox profile's database (found through
    /// <c>profiles.ini</c>; Firefox does not read <c>~/.pki/nssdb</c>) and remove it from them.
    /// </summary>
    public bool FirefoxProfiles { get; set; } = true;

    /// <summary>
    /// How an NSS database is read and a certificate goes into it: <c>true</c> (the default) through NSS's own library
    /// in the helper's process (<c>libnss3.so</c>, no file and no child process; the tools when the library cannot be
    /// loaded), <c>false</c> through <c>certutil</c> and <c>pk12util</c> with a one-time PKCS#12. Removing uses
    /// <c>certutil</c> either way.
    /// </summary>
    public bool NssLibrary { get; set; } = true;

    /// <summary>Where <c>certutil</c> and <c>pk12util</c> are; empty means the <c>PATH</c>.</summary>
    public string NssToolsDirectory { get; set; } = string.Empty;

    /// <summary>The kind in effect: <see cref="StoreKind.Auto"/> decided for this machine.</summary>
    public StoreKind EffectiveKind() => Kind switch
    {
        StoreKind.Auto when OperatingSystem.IsLinux() && HasNssTools() => StoreKind.Nss,
        StoreKind.Auto => StoreKind.X509,
        _ => Kind,
    };

    private bool HasNssTools()
    {
        var directories = string.IsNullOrWhiteSpace(NssToolsDirectory)
            ? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            : [NssToolsDirectory];
        return new[] { "certutil", "pk12util" }.All(tool => directories.Any(d => File.Exists(Path.Combine(d, tool))));
    }

    public string ResolveNssDatabase() => string.IsNullOrWhiteSpace(NssDatabase)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pki", "nssdb")
        : Path.GetFullPath(NssDatabase);
}
