namespace CertPlatform.Infrastructure.Stores;

/// <summary>Which certificate store the helper installs into.</summary>
public enum StoreKind
{
    /// <summary>The .NET <c>X509Store</c>: CurrentUser\My on Windows, the keychain on macOS, the .NET user store on Linux.</summary>
    X509,

    /// <summary>The NSS database Chromium and Firefox read on Linux, through the NSS tools (<c>certutil</c>, <c>pk12util</c>).</summary>
    Nss,
}

/// <summary>Configuration section <c>Store</c>.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    public StoreKind Kind { get; set; } = StoreKind.X509;

    /// <summary>The CurrentUser store name for <see cref="StoreKind.X509"/>. <c>My</c> is the one browsers read; tests use a private name.</summary>
    public string Name { get; set; } = "My";

    /// <summary>The NSS database folder for <see cref="StoreKind.Nss"/>; empty means <c>$HOME/.pki/nssdb</c>, the one Chromium reads.</summary>
    public string NssDatabase { get; set; } = string.Empty;

    /// <summary>Where <c>certutil</c> and <c>pk12util</c> are; empty means the <c>PATH</c>.</summary>
    public string NssToolsDirectory { get; set; } = string.Empty;

    public string ResolveNssDatabase() => string.IsNullOrWhiteSpace(NssDatabase)
        ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pki", "nssdb")
        : Path.GetFullPath(NssDatabase);
}
