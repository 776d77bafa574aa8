using System.Diagnostics;
using System.Text.Json;
using CertPlatform.TestSupport;

namespace CertPlatform.LocalHost.Tests.Swagger;

/// <summary>
/// The helper's OpenAPI document (the one Swagger UI shows) and docs/center-protocol.openapi.yaml through a linter nobody
/// here wrote: Redocly CLI's recommended rules (tools/openapi-lint, installed by scripts/install-test-deps.sh). No error;
/// only the warnings tools/openapi-lint/redocly.yaml lists with their reasons.
/// </summary>
public class OpenApiLintTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Path, "tools", "openapi-lint");

    [Fact]
    public async Task The_helpers_document_has_no_error_and_only_the_kept_warning()
    {
        var document = Path.Combine(Path.GetTempPath(), $"certplatform-openapi-{Guid.NewGuid():N}.json");
        // Fetched as from the running helper: its servers entry is then http://127.0.0.1:52235, not the test host's name.
        var client = app.CreatePageClient();
        client.BaseAddress = new Uri($"http://127.0.0.1:{CertPlatform.Infrastructure.Hosting.HelperOptions.DefaultPort}");
        await File.WriteAllTextAsync(document, await client.GetStringAsync("/swagger/v1/swagger.json"));
        try
        {
            var (errors, warnings) = await LintAsync(document);

            Assert.Empty(errors);
            Assert.Equal(["info-license #/info"], warnings);
        }
        finally
        {
            File.Delete(document);
        }
    }

    [Fact]
    public async Task The_center_protocols_document_has_no_error_and_only_the_kept_warnings()
    {
        var (errors, warnings) = await LintAsync(Path.Combine(RepositoryRoot.Path, "docs", "center-protocol.openapi.yaml"));

        Assert.Empty(errors);
        Assert.Equal(["info-license #/info", "operation-4xx-response #/paths/~1center~1v1~1time/get/responses"], warnings);
    }

    private static async Task<(List<string> Errors, List<string> Warnings)> LintAsync(string document)
    {
        var redocly = Path.Combine(Folder, "node_modules", ".bin", "redocly");
        Assert.True(File.Exists(redocly), $"{redocly} is missing: scripts/install-test-deps.sh installs it (npm ci in tools/openapi-lint).");
        var start = new ProcessStartInfo(redocly) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Folder };
        foreach (var argument in new[] { "lint", document, "--config", Path.Combine(Folder, "redocly.yaml"), "--format=json" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await output;
        Assert.True(text.TrimStart().StartsWith('{'), "redocly printed no report: " + text + await error);

        using var report = JsonDocument.Parse(text);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (Severity: p.GetProperty("severity").GetString(),
                Text: $"{p.GetProperty("ruleId").GetString()} {p.GetProperty("location")[0].GetProperty("pointer").GetString()}"))
            .ToList();
        return ([.. problems.Where(p => p.Severity == "error").Select(p => p.Text)], [.. problems.Where(p => p.Severity != "error").Select(p => p.Text).Order(StringComparer.Ordinal)]);
    }
}
