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
        var all = StoreSettings(storeName);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        all.TryAdd("Keys:Protection", "Software");
        await using var helper = await HelperProcess.StartAsync(home, all, UsersHome);
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", File.ReadAllText(ApiTokenPath(home)).Trim());
        using var response = await client.PostAsJsonAsync(new Uri($"{helper.Url}api/v1/certificates/issue"), new { loginId = "demo01", password = Password, keyAlgorithm });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"issuance answered {(int)response.StatusCode}: {body}\n{helper.Output}");
        return JsonDocument.Parse(body).RootElement.GetProperty("thumbprint").GetString()!;
    }

    /// <summary>The helper's HOME is this process's, so on Linux both read the same .NET store folder.</summary>
    private static Dictionary<string, string> UsersHome =>
        new() { ["HOME"] = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) };

    private static Dictionary<string, string> StoreSettings(string storeName) => new()
    {
        ["Store:Kind"] = "X509",
        ["Store:Name"] = storeName,
        ["Store:FirefoxProfiles"] = "false",
    };

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
    /// Certificate login to the sandbox bank over the helper's HTTPS sandbox (<c>Sandbox:Https</c>): the helper is started
    /// again on the same data folder, this process presents the stored certificate in the TLS handshake (SslStream under
    /// <see cref="SocketsHttpHandler"/>) and trusts only the sandbox root for the server. The bank takes the login only
    /// if the handshake proved the key and the certificate is the sandbox CA's; returns the CN the bank saw.
    /// </summary>
    public static async Task<string> LogInToTheSandboxBankAsync(string home, string storeName, X509Certificate2 clientCertificate)
    {
        var (helper, origin) = await StartWithSandboxBankAsync(home, storeName);
        await using var running = helper;
        using var root = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(home, "helper-data", "sandbox", "ca.crt"));
        using var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustsOnlyTheSandboxRoot(certificate, errors, root),
            },
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(1) };
        using var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri($"{origin}/bank/api/login/certificate"), body);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"certificate login answered {(int)response.StatusCode}: {answer}\n{helper.Output}");
        return JsonDocument.Parse(answer).RootElement.GetProperty("commonName").GetString()!;
    }

    /// <summary>The helper again on <paramref name="home"/>'s data folder with its HTTPS sandbox on a free port; the bank's origin.</summary>
    public static async Task<(HelperProcess Helper, string Origin)> StartWithSandboxBankAsync(string home, string storeName)
    {
        var port = LoopbackPort.Free();
        var settings = StoreSettings(storeName);
        settings["Sandbox:Https:Enabled"] = "true";
        settings["Sandbox:Https:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (await HelperProcess.StartAsync(home, settings, UsersHome), $"https://127.0.0.1:{port}");
    }

    private static bool TrustsOnlyTheSandboxRoot(X509Certificate? presented, SslPolicyErrors errors, X509Certificate2 root)
    {
        if (presented is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var server = new X509Certificate2(presented);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }
}
