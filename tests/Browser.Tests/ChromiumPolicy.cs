using System.Text.Json;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// The managed Chromium policy that picks the client certificate for the sandbox bank: headless Chromium cannot show
/// the certificate picker, so <c>AutoSelectCertificateForUrls</c> selects the certificate whose issuer CN is the
/// sandbox CA's. The file is machine-wide (needs root) and removed on dispose.
/// </summary>
public sealed class ChromiumPolicy : IDisposable
{
    public const string Directory = "/etc/chromium/policies/managed";

    private ChromiumPolicy(string path) => Path = path;

    public string Path { get; }

    public static ChromiumPolicy AutoSelectCertificate(string origin, string issuerCommonName)
    {
        var rule = JsonSerializer.Serialize(new { pattern = origin, filter = new { ISSUER = new { CN = issuerCommonName } } });
        var policy = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["AutoSelectCertificateForUrls"] = [rule] });
        System.IO.Directory.CreateDirectory(Directory);
        var path = System.IO.Path.Combine(Directory, "certplatform-test.json");
        File.WriteAllText(path, policy);
        return new ChromiumPolicy(path);
    }

    public void Dispose()
    {
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }
    }
}
