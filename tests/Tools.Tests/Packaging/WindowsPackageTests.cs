using CertPlatform.TestSupport;

namespace CertPlatform.Tools.Tests.Packaging;

/// <summary>
/// The .msi read back with msitools (msiinfo) as Windows Installer would read it: what it installs, where, under
/// which names, and what it registers. Installing it needs Windows; what the tables say does not.
/// </summary>
public sealed class WindowsPackageTests
{
    private const string DisplayName = "CertPlatform サンドボックス銀行 証明書発行・更新アプリ";

    [MsiFact]
    public async Task The_product_has_the_display_name_version_publisher_and_a_per_user_scope()
    {
        var property = await TableAsync("Property");

        Assert.Equal(DisplayName, property["ProductName"][0]);
        Assert.Equal(LinuxPackages.Version, property["ProductVersion"][0]);
        Assert.Equal("CertPlatform", property["Manufacturer"][0]);
        Assert.Equal("1041", property["ProductLanguage"][0]);
        Assert.Equal("2", property["ALLUSERS"][0]);
        Assert.Equal("1", property["MSIINSTALLPERUSER"][0]);
        Assert.Equal("2235", property["CERTPLATFORM_BANKCODE"][0]);
        Assert.Matches("^{[0-9a-fA-F-]{36}}$", property["UpgradeCode"][0]);
    }

    [MsiFact]
    public async Task The_database_is_in_the_japanese_code_page_so_windows_shows_the_names()
    {
        var (code, output) = await ExternalTool.Run("msiinfo", "export", OtherPlatformPackages.Msi, "_ForceCodepage");

        Assert.Equal(0, code);
        Assert.Contains("932\t_ForceCodepage", output, StringComparison.Ordinal);
        var raw = await File.ReadAllBytesAsync(OtherPlatformPackages.Msi);
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        Assert.True(raw.AsSpan().IndexOf(System.Text.Encoding.GetEncoding(932).GetBytes(DisplayName)) >= 0, "the name is stored in code page 932");
    }

    [MsiFact]
    public async Task It_installs_the_whole_app_into_the_users_programs_folder()
    {
        var directory = await TableAsync("Directory");
        var file = await TableAsync("File");

        Assert.Equal(["LocalAppDataFolder", "Programs"], directory["ProgramsDir"]);
        Assert.Equal(["ProgramsDir", "certplatform"], directory["INSTALLDIR"]);
        var names = file.Values.Select(row => row[1].Split('|')[^1]).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("CertPlatform.Launcher.exe", names);
        Assert.Contains("CertPlatform.LocalHost.exe", names);
        Assert.Contains("CertPlatform.LocalHost.dll", names);
        Assert.Contains("coreclr.dll", names); // the runtime is inside: no .NET on the customer's PC
        Assert.Contains("appsettings.json", names);
        Assert.DoesNotContain(names, n => n.EndsWith(".pdb", StringComparison.Ordinal) || n.EndsWith(".pem", StringComparison.Ordinal));
    }

    [MsiFact]
    public async Task The_start_menu_has_a_folder_and_a_shortcut_with_the_display_name_that_starts_the_launcher()
    {
        var shortcut = await TableAsync("Shortcut");
        var directory = await TableAsync("Directory");

        var row = shortcut["AppShortcut"];
        Assert.Equal("AppMenuDir", row[0]);
        Assert.Equal(DisplayName, row[1].Split('|')[^1]);
        Assert.Equal("[INSTALLDIR]CertPlatform.Launcher.exe", row[3]);
        Assert.Equal("--Helper:OpenBrowser=true", row[4]); // from the menu, the helper opens its page
        Assert.Equal(["ProgramMenuFolder", DisplayName], directory["AppMenuDir"]);
    }

    [MsiFact]
    public async Task The_url_scheme_is_registered_for_the_user_and_passes_the_url_to_the_launcher()
    {
        var registry = (await TableAsync("Registry")).Values.ToList();

        // Root 1 is HKEY_CURRENT_USER: no administrator needed, nothing for other users.
        Assert.All(registry, row => Assert.Equal("1", row[0]));
        Assert.Contains(registry, row => row[1] == @"Software\Classes\certplatform" && row[2] == "URL Protocol" && row[3] == string.Empty);
        Assert.Contains(registry, row => row[1] == @"Software\Classes\certplatform" && row[2] == string.Empty && row[3] == $"URL:{DisplayName}");
        Assert.Contains(registry, row => row[1] == @"Software\Classes\certplatform\shell\open\command" && row[3] == "\"[INSTALLDIR]CertPlatform.Launcher.exe\" \"%1\"");
    }

    [MsiFact]
    public async Task A_newer_version_replaces_it_and_uninstall_touches_no_user_data()
    {
        var upgrade = await RowsAsync("Upgrade");
        var removeFile = await RowsAsync("RemoveFile");

        // MajorUpgrade: the next version's .msi (the updater runs it) finds this one by its upgrade code.
        Assert.NotEmpty(upgrade);
        // Uninstall removes only the folders it made; the data folder (%LOCALAPPDATA%\CertPlatform, the user's
        // settings and logs) is named nowhere, and the certificates live in the user's certificate store.
        Assert.NotEmpty(removeFile);
        Assert.All(removeFile, row => Assert.Contains(row[3], new[] { "INSTALLDIR", "AppMenuDir" }));
    }

    [MsiFact]
    public async Task The_summary_is_readable_in_any_code_page()
    {
        var (code, output) = await ExternalTool.Run("msiinfo", "suminfo", OtherPlatformPackages.Msi);

        Assert.Equal(0, code);
        Assert.Contains($"Subject: CertPlatform Sandbox Bank Certificate App {LinuxPackages.Version}", output, StringComparison.Ordinal);
        Assert.Contains("Template: x64;1041", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CERTPLATFORM_", output, StringComparison.Ordinal);
    }

    /// <summary>A table exported by msiinfo: the first column is the key, the rest its row.</summary>
    private static async Task<Dictionary<string, string[]>> TableAsync(string table) =>
        (await RowsAsync(table)).ToDictionary(cells => cells[0], cells => cells[1..], StringComparer.Ordinal);

    /// <summary>A table's rows as msiinfo exports them (after the three header lines: names, types, keys).</summary>
    private static async Task<List<string[]>> RowsAsync(string table)
    {
        var (code, output) = await ExternalTool.Run("msiinfo", "export", OtherPlatformPackages.Msi, table);
        Assert.True(code == 0, output);
        return output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(3).Select(line => line.Split('\t')).ToList();
    }
}
