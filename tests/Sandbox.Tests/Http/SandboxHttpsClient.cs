using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Sandbox.Tests.Http;

/// <summary>An HTTP client for the sandbox's HTTPS server, as a customer's PC would make one.</summary>
internal static class SandboxHttpsClient
{
    /// <summary>Trusts only <paramref name="root"/> for the server, presents <paramref name="certificate"/> when given, follows no redirect, keeps no cookie.</summary>
    public static HttpClient Create(X509Certificate2 root, X509Certificate2? certificate = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, presented, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return presented is X509Certificate2 server && chain.Build(server);
        };
        if (certificate is not null)
        {
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return new HttpClient(handler, disposeHandler: true);
    }
}
