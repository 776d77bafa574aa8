namespace CertPlatform.TestSupport;

/// <summary>
/// A private home folder for one test with its NSS database where Chromium looks for it (<c>$HOME/.pki/nssdb</c>),
/// never the user's own, and the certutil calls the tests use to look at it from outside the code under test.
/// Deleted on dispose.
/// </summary>
public sealed class NssTestDatabase : IDisposable
{
    public NssTestDatabase()
    {
        Home = Path.Combine(Path.GetTempPath(), "certplatform-tests", $"home-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Home);
        DatabasePath = Path.Combine(Home, ".pki", "nssdb");
    }

    /// <summary>Why NSS tests cannot run here, or null when they can.</summary>
    public static string? Unavailable { get; } =
        !OperatingSystem.IsLinux() ? "The NSS database adapter is Linux-only."
        : !OnPath("certutil") || !OnPath("pk12util") ? "certutil/pk12util not found: install libnss3-tools (scripts/install-test-deps.sh does)."
        : null;

    /// <summary>The test's own home folder (HOME for a browser it starts).</summary>
    public string Home { get; }

    /// <summary><c>Home/.pki/nssdb</c>; not created until <see cref="CreateAsync"/> or the store under test does.</summary>
    public string DatabasePath { get; }

    public string Argument => $"sql:{DatabasePath}";

    /// <summary>Creates the database (empty password), as the store or Chromium would.</summary>
    public async Task CreateAsync()
    {
        Directory.CreateDirectory(DatabasePath);
        await Certutil("-N", "-d", Argument, "--empty-password");
    }

    /// <summary><c>certutil -L</c>: nickname and trust flags of every certificate.</summary>
    public async Task<string> ListCertificatesAsync() => await Certutil("-L", "-d", Argument);

    /// <summary><c>certutil -K</c>: the private keys, with the nickname of their certificate; empty when there is none.</summary>
    public async Task<string> ListKeysAsync()
    {
        var (_, output) = await ExternalTool.Run("certutil", "-K", "-d", Argument);
        return output.Contains("no keys found", StringComparison.Ordinal) ? string.Empty : output;
    }

    /// <summary>Trusts a CA for TLS servers (<c>-t "C,,"</c>), as a browser test does with the sandbox root.</summary>
    public async Task TrustServerCaAsync(string nickname, string pemPath) =>
        await Certutil("-A", "-d", Argument, "-n", nickname, "-t", "C,,", "-i", pemPath);

    public void Dispose()
    {
        if (Directory.Exists(Home))
        {
            Directory.Delete(Home, recursive: true);
        }
    }

    private static async Task<string> Certutil(params string[] arguments)
    {
        var (exitCode, output) = await ExternalTool.Run("certutil", arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"certutil {string.Join(' ', arguments)} failed ({exitCode}): {output}");
        }

        return output;
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
}
