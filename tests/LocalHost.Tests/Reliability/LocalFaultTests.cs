using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Sandbox;
using CertPlatform.TestSupport;

namespace CertPlatform.LocalHost.Tests.Reliability;

/// <summary>
/// Faults of the PC's own disk and files, made for real: a folder where the API token should be, a read-only data
/// folder and a full disk (a tmpfs the test mounts, as root). At start: one line with the catalog code and the path,
/// exit 2, no stack trace. During use: problem+json with the code, the log naming the path, no record left for the
/// request that failed, and the next request works once the disk has room.
/// </summary>
public sealed class LocalFaultTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("certplatform-faults-").FullName;

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [UnixFact]
    public async Task An_api_token_that_is_a_folder_refuses_the_start_in_one_line_with_G261e()
    {
        var data = Path.Combine(_home, "helper-data");
        Directory.CreateDirectory(Path.Combine(data, HelperPaths.ApiTokenFileName));

        var refusal = await RefusedStartAsync(data);

        Assert.Contains("G261e", refusal, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(data, HelperPaths.ApiTokenFileName), refusal, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(data, ".*.tmp"));
    }

    [Fact]
    public async Task A_records_database_that_is_not_one_refuses_the_start_in_one_line_with_G262e()
    {
        var data = Path.Combine(_home, "helper-data");
        Directory.CreateDirectory(data);
        await File.WriteAllTextAsync(Path.Combine(data, "helper.db"), "cut short and overwritten with garbage by something else");

        var refusal = await RefusedStartAsync(data);

        Assert.Contains("G262e", refusal, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(data, "helper.db"), refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_log_folder_that_cannot_be_written_is_said_once_with_G261e_and_the_helper_still_runs()
    {
        var logs = Path.Combine(_home, "logs-is-a-file");
        await File.WriteAllTextAsync(logs, "not a folder");

        await using var helper = await HelperProcess.StartAsync(_home, new Dictionary<string, string> { ["Helper:LogDirectory"] = logs });

        var warning = Assert.Single(helper.Output.Split('\n'), l => l.Contains("The log folder", StringComparison.Ordinal));
        Assert.Contains("G261e", warning, StringComparison.Ordinal);
        Assert.Contains(logs, warning, StringComparison.Ordinal);
        Assert.False(helper.HasExited);
    }

    [RootFact]
    public async Task A_read_only_data_folder_refuses_the_start_in_one_line_with_G261e()
    {
        using var readOnly = TmpfsMount.Create(1024, readOnly: true);

        var refusal = await RefusedStartAsync(readOnly.Path);

        Assert.Contains("G261e", refusal, StringComparison.Ordinal);
        Assert.Contains(readOnly.Path, refusal, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task A_full_disk_refuses_the_start_in_one_line_with_G260e()
    {
        using var disk = TmpfsMount.Create(512);
        disk.Fill();

        var refusal = await RefusedStartAsync(Path.Combine(disk.Path, "data"));

        Assert.Contains("G260e", refusal, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task An_issuance_on_a_full_disk_is_G260e_as_problem_json_leaves_no_record_and_works_once_there_is_room()
    {
        using var disk = TmpfsMount.Create(8 * 1024);
        var data = Path.Combine(disk.Path, "data");
        await using var helper = await HelperProcess.StartAsync(_home, new Dictionary<string, string>
        {
            ["Helper:DataDirectory"] = data,
            ["Helper:LogDirectory"] = Path.Combine(_home, "logs"),
        });
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await File.ReadAllTextAsync(Path.Combine(data, HelperPaths.ApiTokenFileName))).Trim());
        var issue = new Uri($"{helper.Url}api/v1/certificates/issue");
        using (var first = await client.PostAsJsonAsync(issue, new { loginId = "demo01", password = "Sandbox-Pass-01" }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        disk.Fill();
        using (var full = await client.PostAsJsonAsync(issue, new { loginId = "demo02", password = "Sandbox-Pass-01" }))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
            Assert.Equal("application/problem+json", full.Content.Headers.ContentType?.MediaType);
            var problem = await full.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("G260e", problem.GetProperty("code").GetString());
            Assert.DoesNotContain(disk.Path, problem.GetRawText(), StringComparison.Ordinal);
        }

        Assert.Contains(disk.Path, helper.Output, StringComparison.Ordinal);
        disk.Free();
        using (var again = await client.PostAsJsonAsync(issue, new { loginId = "demo02", password = "Sandbox-Pass-01" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var listed = (await client.GetFromJsonAsync<JsonElement>(new Uri($"{helper.Url}api/v1/certificates"))).GetProperty("certificates");
        await helper.DisposeAsync();
        using var registry = new SandboxRegistry(new HelperPaths(data, Path.Combine(_home, "logs")));
        Assert.Equal(2, registry.All.Count);
        Assert.Equal(2, listed.GetArrayLength());
    }

    /// <summary>Starts the helper on this data folder and expects it to refuse: exit 2, one line, no stack trace.</summary>
    private async Task<string> RefusedStartAsync(string data)
    {
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => HelperProcess.StartAsync(_home, new Dictionary<string, string>
        {
            ["Helper:DataDirectory"] = data,
            ["Helper:LogDirectory"] = Path.Combine(_home, "logs"),
        }));
        var output = failed.Message;
        Assert.Contains($"exited with code {StartupRefusal.ExitCode}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("Not starting", StringComparison.Ordinal));
        return line;
    }
}
