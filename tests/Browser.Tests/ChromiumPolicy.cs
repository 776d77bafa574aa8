using System.Text.Json;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// A managed Chromium policy for one test: <c>AutoSelectCertificateForUrls</c> picks the client certificate for the
/// sandbox bank (headless Chromium cannot show the certificate picker) by the sandbox CA's issuer CN, or
/// <c>AutoLaunchProtocolsFromOrigins</c> lets a page open a URL scheme's handler (it cannot show that prompt either). The file is machine-wide (it needs root), so a lock file keeps test runs of other checkouts on the
/// same machine from writing theirs meanwhile; the policy is removed and the lock released on dispose.
/// </summary>
public sealed class ChromiumPolicy : IDisposable
{
    public const string Directory = "/etc/chromium/policies/managed";
    public const string FileName = "certplatform-test.json";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(3);

    private readonly FileStream _lock;

    private ChromiumPolicy(string path, FileStream held)
    {
        Path = path;
        _lock = held;
    }

    public string Path { get; }

    public static ChromiumPolicy AutoSelectCertificate(string origin, string issuerCommonName)
    {
        var rule = JsonSerializer.Serialize(new { pattern = origin, filter = new { ISSUER = new { CN = issuerCommonName } } });
        return Write(JsonSerializer.Serialize(new Dictionary<string, string[]> { ["AutoSelectCertificateForUrls"] = [rule] }));
    }

    /// <summary><c>AutoLaunchProtocolsFromOrigins</c>: pages of <paramref name="origin"/> open the scheme's handler without the prompt headless Chromium cannot show.</summary>
    public static ChromiumPolicy AutoLaunchProtocol(string origin, string protocol) =>
        Write(JsonSerializer.Serialize(new Dictionary<string, object[]>
        {
            ["AutoLaunchProtocolsFromOrigins"] = [new { protocol, allowed_origins = new[] { origin } }],
        }));

    private static ChromiumPolicy Write(string policy)
    {
        var held = AcquireLock();
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var path = System.IO.Path.Combine(Directory, FileName);
            File.WriteAllText(path, policy);
            return new ChromiumPolicy(path, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            if (File.Exists(Path))
            {
                File.Delete(Path);
            }
        }
        finally
        {
            _lock.Dispose();
        }
    }

    private static FileStream AcquireLock()
    {
        var lockPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "certplatform-chromium-policy.lock");
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(200);
            }
        }
    }
}
