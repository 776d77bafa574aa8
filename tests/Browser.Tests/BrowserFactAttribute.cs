using CertPlatform.TestSupport;

namespace CertPlatform.Browser.Tests;

/// <summary>A browser test: Linux with Debian's Chromium and the NSS tools (scripts/install-test-deps.sh installs them).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        Skip = Unavailable;
    }

    public static string? Unavailable { get; } =
        NssTestDatabase.Unavailable
        ?? (File.Exists(PlaywrightFixture.ChromiumPath) ? null : $"{PlaywrightFixture.ChromiumPath} not found: install Debian's chromium (scripts/install-test-deps.sh does).");
}

/// <summary>
/// A certificate-login test: on top of a browser test, it writes a machine-wide Chromium policy under /etc/chromium,
/// which needs root (CI runs the tests as root).
/// </summary>
public sealed class CertificateLoginFactAttribute : FactAttribute
{
    public CertificateLoginFactAttribute()
    {
        Skip = BrowserFactAttribute.Unavailable
            ?? (Environment.UserName == "root" ? null : "Writing the Chromium policy in /etc/chromium/policies/managed needs root; run the tests as root (CI does).");
    }
}
