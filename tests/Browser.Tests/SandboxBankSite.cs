using CertPlatform.TestSupport;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// The sandbox bank as the helper serves it over HTTPS on loopback (<c>Sandbox:Https</c>), on a free port. The helper
/// lets its own sandbox bank call it without <c>Helper:BankOrigins</c>, so none is configured here.
/// </summary>
public sealed class SandboxBankSite
{
    /// <summary>The issuing CA's CN, which the Chromium policy filters the client certificate by.</summary>
    public const string IssuerCommonName = "CertPlatform Sandbox CA - G1";

    public int Port { get; } = LoopbackPort.Free();

    public string Origin => $"https://127.0.0.1:{Port}";

    public string LoginPage => $"{Origin}/bank/";

    public string AcquirePage => $"{Origin}/bank/acquire.html";

    public Dictionary<string, string> HelperSettings(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Sandbox:Https:Enabled"] = "true",
            ["Sandbox:Https:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Chromium trusts the sandbox root for TLS servers in the test's NSS database, as a bank's root is trusted.</summary>
    public static Task TrustTheSandboxRootAsync(BrowserJourney journey) =>
        journey.Home.TrustServerCaAsync("CertPlatform Sandbox Root", Path.Combine(journey.Home.Home, "helper-data", "sandbox", "ca.crt"));
}
