namespace CertPlatform.Application.Ports;

/// <summary>The programs installed on this PC, as the OS lists them for uninstalling (Windows only).</summary>
public interface IInstalledPrograms
{
    /// <summary>Their display names, or null where the OS keeps no such list the helper can read.</summary>
    IReadOnlyList<string>? DisplayNames();
}
