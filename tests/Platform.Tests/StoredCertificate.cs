using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.TestSupport;

namespace CertPlatform.Platform.Tests;

/// <summary>
/// A certificate the real helper issued and stored (a child process, on the embedded sandbox), read back by this test
/// process: what the user's browser gets. The helper runs with the test's data folder and the given store; its HOME
/// is this process's, so on Linux the .NET store folder is the one this process reads (under the test's own store name).
/// </summary>
internal static class StoredCertificate
{
    public const string Password = "Sandbox-Pass-01";

    /// <summary>Starts the helper, issues demo01's certificate with <paramref name="keyAlgorithm"/>, stops the helper; the thumbprint.</summary>
    public static async Task<string> IssueAsync(string home, string storeName, string keyAlgorithm, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Store:Kind"] = "X509",
            ["Store:Name"] = storeName,
            ["Store:FirefoxProfiles"] = "false",
        };
        all.TryAdd("Keys:Protection", "Software");
        var environment = new Dictionary<string, string> { ["HOME"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) };
        await using var helper = await HelperProcess.StartAsync(home, all, environment);
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", File.ReadAllText(ApiTokenPath(home)).Trim());
        using var response = await client.PostAsJsonAsync(new Uri($"{helper.Url}api/v1/certificates/issue"), new { loginId = "demo01", password = Password, keyAlgorithm });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"issuance answered {(int)response.StatusCode}: {body}\n{helper.Output}");
        return JsonDocument.Parse(body).RootElement.GetProperty("thumbprint").GetString()!;
    }

    public static string ApiTokenPath(string home) => Path.Combine(home, "helper-data", HelperPaths.ApiTokenFileName);

    /// <summary>The certificate with its private key, as the OS store gives it to any program of the user.</summary>
    public static X509Certificate2 Find(string storeName, string thumbprint)
    {
        using var store = new X509Store(storeName, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadOnly);
        var found = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
        Assert.Single(found);
        return found[0];
    }

    /// <summary>Signs with the stored private key and checks the signature with the certificate's public key.</summary>
    public static void AssertSigns(X509Certificate2 certificate)
    {
        var data = RandomNumberGenerator.GetBytes(64);
        using var rsa = certificate.GetRSAPrivateKey();
        if (rsa is not null)
        {
            var signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var publicKey = certificate.GetRSAPublicKey()!;
            Assert.True(publicKey.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
            return;
        }

        using var ecdsa = certificate.GetECDsaPrivateKey();
        Assert.NotNull(ecdsa);
        var ecSignature = ecdsa.SignData(data, HashAlgorithmName.SHA256);
        using var ecPublic = certificate.GetECDsaPublicKey()!;
        Assert.True(ecPublic.VerifyData(data, ecSignature, HashAlgorithmName.SHA256));
    }

    /// <summary>
    /// A TLS handshake on loopback where the server requires a client certificate and the client presents the stored
    /// one: it completes only if the stored key signs the handshake. Returns the thumbprint the server saw.
    /// </summary>
    public static async Task<string?> AuthenticateTlsClientAsync(X509Certificate2 clientCertificate)
    {
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var selfSigned = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Windows' TLS needs a server key it can reach by a key set, not an ephemeral one.
        using var server = X509CertificateLoader.LoadPkcs12(selfSigned.Export(X509ContentType.Pkcs12), null);
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var serverSide = Task.Run(async () =>
            {
                using var accepted = await listener.AcceptTcpClientAsync();
                await using var tls = new SslStream(accepted.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = server,
                    ClientCertificateRequired = true,
                    RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
                });
                using var seen = tls.RemoteCertificate is { } remote ? new X509Certificate2(remote) : null;
                return seen?.Thumbprint;
            });

            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            await using var client = new SslStream(tcp.GetStream());
            await client.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null,
            });
            return await serverSide.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            listener.Stop();
        }
    }
}
