using System.Text.Json;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// The managed Chromium policy that picks the client certificate for the sandbox bank: headless Chromium cannot show
/// the certificate picker, so <c>AutoSelectCertificateForUrls</c> selects the certificate whose issuer CN is the
/// sandbox CA's. The file is machine-wide (it needs root), so a lock file keeps test runs of other checkouts on the
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
        var held = AcquireLock();
        try
        {
            var rule = JsonSerializer.Serialize(new { pattern = origin, filter = new { ISSUER = new { CN = issuerCommonName } } });
            var policy = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["AutoSelectCertificateForUrls"] = [rule] });
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
