namespace CertPlatform.TestSupport;

public static class StoreCleanup
{
    /// <summary>Empties a private test store (and, on Linux, removes its folder).</summary>
    public static void Delete(string storeName)
    {
        using (var store = new System.Security.Cryptography.X509Certificates.X509Store(storeName, System.Security.Cryptography.X509Certificates.StoreLocation.CurrentUser))
        {
            store.Open(System.Security.Cryptography.X509Certificates.OpenFlags.ReadWrite);
            foreach (var certificate in store.Certificates)
            {
                store.Remove(certificate);
                certificate.Dispose();
            }
        }

        if (OperatingSystem.IsLinux())
        {
            var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "corefx", "cryptography", "x509stores", storeName.ToLowerInvariant());
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
