using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Ports;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// The .NET user certificate store: CurrentUser\My on Windows (what Edge and Chrome read), the login keychain
/// on macOS, and the .NET user store on Linux. The store is opened per call, so no handle outlives a request.
/// </summary>
public sealed class X509CertificateStore(IOptions<StoreOptions> options) : ICertificateStore
{
    private readonly string _name = options.Value.Name;

    public string Description => $"X509Store CurrentUser\\{_name}";

    public IReadOnlyList<X509Certificate2> List()
    {
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

    private X509Store Open(OpenFlags flags)
    {
        var store = new X509Store(_name, StoreLocation.CurrentUser);
        store.Open(flags);
        return store;
    }
}
