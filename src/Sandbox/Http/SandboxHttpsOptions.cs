namespace CertPlatform.Sandbox.Http;

/// <summary>
/// Configuration section <c>Sandbox:Https</c>: the sandbox center and CA served over HTTPS on loopback, so another
/// helper in Remote mode (or any EST client) can use them as the bank.
/// </summary>
public sealed class SandboxHttpsOptions
{
    public const string Section = "Sandbox:Https";

    public const int DefaultPort = 52236;

    /// <summary>Start the server with the helper. Off by default: the embedded sandbox needs no network.</summary>
    public bool Enabled { get; set; }

    /// <summary>The port on 127.0.0.1; 0 takes any free port (tests).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// The helper the bank's pages find and open, e.g. <c>http://127.0.0.1:52235/</c> for a second helper in Remote mode
    /// against this sandbox; by default the helper that serves the pages. Loopback http(s) addresses only.
    /// </summary>
    public string? BankHelperUrl { get; set; }

    public static bool IsLoopbackHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is ("http" or "https")
        && (url.IsLoopback || string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase));
}
