using System.Diagnostics;
using System.Runtime.Versioning;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Infrastructure.Updates;

/// <summary>
/// Runs an .msi package with the Windows Installer, which replaces the installed helper as one transaction and
/// rolls itself back on failure. Exercised on Windows only; the tests on Linux and macOS use the side-by-side path.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsInstaller
{
    /// <summary>ERROR_SUCCESS_REBOOT_REQUIRED: installed, a restart of the PC completes it.</summary>
    private const int SuccessRebootRequired = 3010;

    public static async Task RunAsync(string msiPath, ILogger logger, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("msiexec.exe") { UseShellExecute = false };
        foreach (var argument in new[] { "/i", msiPath, "/passive", "/norestart" })
        {
            start.ArgumentList.Add(argument);
        }

        int exitCode;
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("msiexec did not start.");
            await process.WaitForExitAsync(cancellationToken);
            exitCode = process.ExitCode;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            logger.LogError(ex, "The Windows Installer could not be started");
            throw new CertPlatformException(ErrorCatalog.G021e, innerException: ex);
        }

        if (exitCode is not (0 or SuccessRebootRequired))
        {
            logger.LogError("The Windows Installer ended with code {ExitCode}", exitCode);
            throw new CertPlatformException(ErrorCatalog.G021e);
        }

        logger.LogInformation("The Windows Installer installed {Package} (code {ExitCode})", Path.GetFileName(msiPath), exitCode);
    }
}
