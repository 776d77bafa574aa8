using CertPlatform.Application.Checks;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Application.Diagnostics.Checks;

/// <summary>
/// The software the manual names as getting in the way of certificates: SMARTACCESS and HP Sure Click (FAQ 3.1.2:
/// the renewal list shows nothing) and HP Simple Pass (BZBE001011). Windows only: elsewhere the check is skipped.
/// </summary>
public sealed class ConflictingSoftwareCheck(IInstalledPrograms programs)
{
    /// <summary>What the manual names, matched anywhere in a program's display name, whatever the case.</summary>
    public static readonly IReadOnlyList<string> Known = ["SMARTACCESS", "HP Sure Click", "HP Simple Pass"];

    public DiagnosticCheck Run()
    {
        var installed = programs.DisplayNames();
        if (installed is null)
        {
            return DiagnosticCheck.Skipped(
                CheckNames.Software,
                new("この確認は Windows でのみ行います。", "This check runs on Windows only."));
        }

        var found = installed
            .Where(name => Known.Any(known => name.Contains(known, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (found.Count == 0)
        {
            return DiagnosticCheck.Ok(
                CheckNames.Software,
                new($"問題となるソフトウェア({string.Join("、", Known)})は見つかりませんでした。", $"None of the software known to interfere ({string.Join(", ", Known)}) was found."));
        }

        return DiagnosticCheck.Problem(
            CheckNames.Software, CheckStatus.Warning,
            new($"次のソフトウェアがインストールされています: {string.Join("、", found)}", $"Installed: {string.Join(", ", found)}"),
            ErrorCatalog.G252e,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["found"] = string.Join("; ", found) });
    }
}
