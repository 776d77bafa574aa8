using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Infrastructure.Stores;
using Microsoft.Extensions.Options;

namespace CertPlatform.TestSupport;

public static class StoreCleanup
{
    /// <summary>Empties a private test store (with the keys of its certificates) and, where .NET keeps stores as folders (Linux, macOS), removes it.</summary>
    public static void Delete(string storeName)
    {
        try
        {
            // Through the adapter: on Windows it deletes the CNG key the helper made with each certificate too.
            var adapter = new X509CertificateStore(Options.Create(new StoreOptions { Name = storeName }));
            using var store = new X509Store(storeName, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            foreach (var certificate in store.Certificates)
            {
                using (certificate)
                {
                    adapter.Remove(certificate.Thumbprint);
                }
            }
        }
        catch (CryptographicException)
        {
            // The test never created the store.
        }

        // Windows has no API to delete a store; elsewhere a CurrentUser store is a folder.
        var folder = Path.Combine(
            Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "corefx", "cryptography", "x509stores", storeName.ToLowerInvariant());
        if (!OperatingSystem.IsWindows() && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
