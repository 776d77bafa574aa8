using System.Runtime.Versioning;
using System.Security;
using CertPlatform.Application.Ports;
using Microsoft.Win32;

namespace CertPlatform.Infrastructure.Diagnostics;

/// <summary>
/// The programs Windows lists under Apps (the registry's Uninstall keys: the machine's, 64- and 32-bit, and the user's).
/// Off Windows there is no such list: <see cref="DisplayNames"/> is null and the check is skipped.
/// </summary>
public sealed class UninstallRegistryPrograms : IInstalledPrograms
{
    private const string UninstallKey = @"SOFTWARE\Microsoft\Windows\CurrentVersion\Uninstall";

    public IReadOnlyList<string>? DisplayNames() => OperatingSystem.IsWindows() ? ReadWindows() : null;

    [SupportedOSPlatform("windows")]
    private static List<string> ReadWindows()
    {
        var names = new List<string>();
        foreach (var (hive, view) in new[]
        {
            (RegistryHive.LocalMachine, RegistryView.Registry64),
            (RegistryHive.LocalMachine, RegistryView.Registry32),
            (RegistryHive.CurrentUser, RegistryView.Default),
        })
        {
            try
            {
                using var root = RegistryKey.OpenBaseKey(hive, view);
                using var uninstall = root.OpenSubKey(UninstallKey);
                if (uninstall is null)
                {
                    continue;
                }

                foreach (var name in uninstall.GetSubKeyNames())
                {
                    using var program = uninstall.OpenSubKey(name);
                    if (program?.GetValue("DisplayName") is string displayName && displayName.Length > 0)
                    {
                        names.Add(displayName);
                    }
                }
            }
            catch (Exception ex) when (ex is SecurityException or UnauthorizedAccessException or IOException)
            {
                // A key the user may not read: the others still tell what is installed.
            }
        }

        return names;
    }
}
