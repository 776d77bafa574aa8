using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.TestSupport;

public static class StoreCleanup
{
    /// <summary>Empties a private test store and, where .NET keeps stores as folders (Linux, macOS), removes it.</summary>
    public static void Delete(string storeName)
    {
        try
        {
            using var store = new X509Store(storeName, StoreLocation.CurrentUser);
            store.Open(OpenFlags.ReadWrite | OpenFlags.OpenExistingOnly);
            foreach (var certificate in store.Certificates)
            {
                using (certificate)
                {
                    store.Remove(certificate);
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
