using System.ComponentModel;
using System.Diagnostics;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// Opens the helper's own page in the user's default browser: the shell on Windows, <c>open</c> on macOS,
/// <c>xdg-open</c> elsewhere, or <c>Helper:BrowserCommand</c> when set (the tests record the address with it).
/// Only ever an address of this helper on loopback: the screen a launch URL chose, never the URL itself.
/// </summary>
public sealed class BrowserOpener(IOptions<HelperOptions> options, ILogger<BrowserOpener> logger)
{
    public bool Open(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsLoopback)
        {
            throw new ArgumentException("Only the helper's own loopback address is opened.", nameof(address));
        }

        var command = options.Value.BrowserCommand;
        ProcessStartInfo start;
        if (!string.IsNullOrWhiteSpace(command))
        {
            start = new ProcessStartInfo(command) { UseShellExecute = false };
            start.ArgumentList.Add(address.AbsoluteUri);
        }
        else if (OperatingSystem.IsWindows())
        {
            start = new ProcessStartInfo(address.AbsoluteUri) { UseShellExecute = true };
        }
        else
        {
            start = new ProcessStartInfo(OperatingSystem.IsMacOS() ? "open" : "xdg-open") { UseShellExecute = false };
            start.ArgumentList.Add(address.AbsoluteUri);
        }

        try
        {
            using var process = Process.Start(start);
            logger.LogInformation(new EventId(1022, "BrowserOpened"), "Opened {Address} in the browser", address);
            return true;
        }
        catch (Exception ex) when (ex is Win32Exception or InvalidOperationException)
        {
            logger.LogWarning(new EventId(1023, "BrowserNotOpened"), "Could not open {Address} in the browser ({Command}: {ExceptionType}); open it by hand",
                address, start.FileName, ex.GetType().Name);
            return false;
        }
    }
}
