using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.TestSupport;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// The real helper process: in Remote mode the embedded sandbox's assembly is never loaded (the runtime maps every
/// assembly it loads, so on Linux /proc/PID/maps names it); in Embedded mode it is, which shows the check can see it.
/// </summary>
public sealed class SandboxLoadingTests : IDisposable
{
    private const string SandboxAssembly = "CertPlatform.Sandbox.dll";

    private readonly string _home = Path.Combine(Path.GetTempPath(), $"certplatform-loading-{Guid.NewGuid():N}");

    public SandboxLoadingTests() => Directory.CreateDirectory(_home);

    [LinuxFact]
    public async Task A_remote_mode_helper_does_not_load_the_sandbox()
    {
        var anchor = Path.Combine(_home, "bank-root.pem");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            var request = new CertificateRequest("CN=Loading test root", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllTextAsync(anchor, root.ExportCertificatePem());
        }

        await using var helper = await HelperProcess.StartAsync(_home, new Dictionary<string, string>
        {
            ["Center:Mode"] = "Remote",
            ["Center:BaseUrl"] = "https://127.0.0.1:9/",
            ["Ca:EstBaseUrl"] = "https://127.0.0.1:9/",
            ["Ca:TrustAnchorPath"] = anchor,
            ["Network:Proxy:Mode"] = "None",
        });

        Assert.DoesNotContain(SandboxAssembly, await File.ReadAllTextAsync($"/proc/{helper.ProcessId}/maps"), StringComparison.Ordinal);
    }

    [LinuxFact]
    public async Task An_embedded_mode_helper_loads_the_sandbox()
    {
        await using var helper = await HelperProcess.StartAsync(_home);

        Assert.Contains(SandboxAssembly, await File.ReadAllTextAsync($"/proc/{helper.ProcessId}/maps"), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}

/// <summary>A fact that reads Linux's /proc: skipped with that reason elsewhere.</summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "Reads /proc/PID/maps, which only Linux has.";
        }
    }
}
