using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Infrastructure.Tests.Fixtures;

/// <summary>A private CurrentUser store with a unique name, emptied and removed after the test; never My.</summary>
internal sealed class TestStore : IDisposable
{
    public string Name { get; } = $"CertPlatformTest-{Guid.NewGuid():N}";

    /// <summary>How many certificates the store holds; 0 when nothing ever created it.</summary>
    public int Count
    {
        get
        {
            try
            {
                using var store = new X509Store(Name, StoreLocation.CurrentUser);
                store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly | OpenFlags.IncludeArchived);
                return store.Certificates.Count;
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                return 0;
            }
        }
    }

    public void Dispose() => TestSupport.StoreCleanup.Delete(Name);
}
