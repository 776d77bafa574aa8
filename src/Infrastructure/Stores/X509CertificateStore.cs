using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// The .NET user certificate store: CurrentUser\My on Windows (what Edge and Chrome read), the login keychain
/// on macOS, and the .NET user store on Linux. The store is opened per call, so no handle outlives a request.
/// <para>
/// On Linux the .NET store is a folder of PKCS#12 files (<c>~/.dotnet/corefx/cryptography/x509stores/&lt;name&gt;</c>),
/// and a crash while one is written leaves it at 0 bytes: invisible to the store, never replaced (the next add of the
/// same certificate writes <c>&lt;thumbprint&gt;.1.pfx</c> beside it), there forever. Such files are removed on each
/// list and add; the pending-install record (<see cref="HelperRecords"/>) then adds the certificate again.
/// </para>
/// </summary>
public sealed class X509CertificateStore(IOptions<StoreOptions> options, ILogger<X509CertificateStore>? logger = null) : ICertificateStore
{
    private readonly string _name = options.Value.Name;
    private readonly ILogger _logger = logger ?? NullLogger<X509CertificateStore>.Instance;

    public string Description => $"X509Store CurrentUser\\{_name}";

    public IReadOnlyList<X509Certificate2> List()
    {
        RemoveEmptyFiles();
        using var store = Open(OpenFlags.ReadOnly);
        return [.. store.Certificates];
    }

    public X509Certificate2? Find(string thumbprint)
    {
        using var store = Open(OpenFlags.ReadOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
        var first = found.Count > 0 ? found[0] : null;
        for (var i = 1; i < found.Count; i++)
        {
            found[i].Dispose();
        }

        return first;
    }

    public void Add(X509Certificate2 certificateWithKey)
    {
        if (!certificateWithKey.HasPrivateKey)
        {
            throw new ArgumentException("Only a certificate with its private key is installed.", nameof(certificateWithKey));
        }

        RemoveEmptyFiles();
        using var store = Open(OpenFlags.ReadWrite);
        store.Add(certificateWithKey);
    }

    public void Remove(string thumbprint)
    {
        using var store = Open(OpenFlags.ReadWrite);
        foreach (var certificate in store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false))
        {
            using (certificate)
            {
                store.Remove(certificate);
            }
        }
    }

    /// <summary>The folder .NET keeps this store in on Linux; null elsewhere.</summary>
    internal string? LinuxStoreDirectory => OperatingSystem.IsLinux()
        ? Path.Combine(Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            ".dotnet", "corefx", "cryptography", "x509stores", _name.ToLowerInvariant())
        : null;

    private void RemoveEmptyFiles()
    {
        if (LinuxStoreDirectory is not { } directory || !Directory.Exists(directory))
        {
            return;
        }

        foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*.pfx"))
        {
            if (file.Length == 0)
            {
                file.Delete();
                _logger.LogWarning(new EventId(2320, "EmptyStoreFileRemoved"), "Removed {File}: 0 bytes, left by a write that was cut off", file.FullName);
            }
        }
    }

    private X509Store Open(OpenFlags flags)
    {
        var store = new X509Store(_name, StoreLocation.CurrentUser);
        store.Open(flags);
        return store;
    }
}
