using Microsoft.Extensions.Configuration;

namespace CertPlatform.Infrastructure.Hosting;

/// <summary>
/// Configuration section <c>Helper</c>: where the helper listens, keeps its files, and which bank pages may drive it.
/// Every reader of these settings names them through this type, so a rename cannot leave one behind.
/// </summary>
public sealed class HelperOptions
{
    public const string Section = "Helper";

    /// <summary>The port the bank's page and the manual's app use when nothing else is configured.</summary>
    public const int DefaultPort = 52235;

    /// <summary><c>http://127.0.0.1:{Port}</c> unless <c>--urls</c> says otherwise (LoopbackBinding checks both).</summary>
    public int Port { get; set; } = DefaultPort;

    /// <summary>Default: the OS user's local application data folder + <c>CertPlatform</c>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Default: <c>logs</c> inside <see cref="DataDirectory"/>.</summary>
    public string? LogDirectory { get; set; }

    /// <summary>The bank's HTTPS origins (scheme://host[:port]) whose pages may call the API.</summary>
    public string[] BankOrigins { get; set; } = [];

    /// <summary>The helper ends after this many minutes without use (never while busy); 0 keeps it running.</summary>
    public int IdleExitMinutes { get; set; } = 30;

    /// <summary>
    /// From the start on, make the issuance path ready in the background (the store opened and read, the key, request
    /// and chain code run once), so that the customer's first issuance costs what later ones do.
    /// </summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>The URL scheme the package registers (<c>certplatform://issue</c>); package.sh writes the bank's.</summary>
    public string UrlScheme { get; set; } = "certplatform";

    /// <summary>Open the helper's page in the browser at start even without a launch URL (the Start-menu shortcut sets it).</summary>
    public bool OpenBrowser { get; set; }

    /// <summary>A program to open the helper's page with instead of the OS default browser (given the address).</summary>
    public string? BrowserCommand { get; set; }

    /// <summary>The configuration key of one of this section's settings: <c>Key(nameof(Port))</c> is <c>Helper:Port</c>.</summary>
    public static string Key(string setting) => $"{Section}:{setting}";

    /// <summary>The configured port (<see cref="DefaultPort"/> when none is), before the host binds it.</summary>
    public static int PortOf(IConfiguration configuration) => configuration.GetValue(Key(nameof(Port)), DefaultPort);
}
