using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CertPlatform.Application.Certificates;
using CertPlatform.Infrastructure.Hosting;
using CertPlatform.Infrastructure.Stores;
using CertPlatform.Sandbox;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace CertPlatform.LocalHost.Tests.Reliability;

/// <summary>
/// The real helper killed with SIGKILL at named moments of an issuance and a renewal (<see cref="CrashPoints"/>), with
/// the NSS database and with the .NET store, then started again: the certificate the CA issued is in the store with
/// its key (or, killed before the CA's answer was checked, nothing is: no certificate, no key), the pending-install
/// record is closed, and nothing was left in the temporary folder. Each helper gets its own HOME, data folder, NSS
/// database and .NET store, and is stopped by the test.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private const string Password = "Sandbox-Pass-01";
    private static readonly TimeSpan CrashTimeout = TimeSpan.FromSeconds(60);

    private readonly string _home = Directory.CreateTempSubdirectory("certplatform-crash-").FullName;

    private string DataDirectory => Path.Combine(_home, "helper-data");

    private string TemporaryFolder => Path.Combine(_home, "tmp");

    public void Dispose() => Directory.Delete(_home, recursive: true);

    [NssTheory]
    [InlineData("Nss", CrashPoints.AfterPendingRecord)]
    [InlineData("Nss", CrashPoints.AfterStoreAdd)]
    [InlineData("X509", CrashPoints.AfterPendingRecord)]
    [InlineData("X509", CrashPoints.AfterStoreAdd)]
    public async Task An_issuance_killed_after_the_CA_answered_ends_with_the_certificate_and_its_key_in_the_store_after_a_restart(string store, string point)
    {
        var port = await CrashDuringIssuanceAsync(store, point);
        var issued = Assert.Single(SandboxIssued());

        await using var again = await StartAsync(store, port: port);
        var listed = await ListAsync(again);

        var certificate = Assert.Single(listed.EnumerateArray());
        Assert.Equal(issued.Thumbprint, certificate.GetProperty("thumbprint").GetString(), ignoreCase: true);
        Assert.True(certificate.GetProperty("hasPrivateKey").GetBoolean(), "the certificate came with its key");
        await again.DisposeAsync();
        AssertNoPendingInstall();
        AssertNothingLeftInTheTemporaryFolder();
    }

    [NssTheory]
    [InlineData("Nss")]
    [InlineData("X509")]
    public async Task An_issuance_killed_before_the_answer_was_checked_leaves_no_certificate_and_no_key_and_the_next_issuance_works(string store)
    {
        var port = await CrashDuringIssuanceAsync(store, CrashPoints.AfterCa);

        await using var again = await StartAsync(store, port: port);
        Assert.Equal(0, (await ListAsync(again)).GetArrayLength());
        if (store == "Nss")
        {
            var keys = await ExternalTool.Run("certutil", "-K", "-d", $"sql:{NssDatabase}", "-f", "/dev/null");
            Assert.DoesNotContain("<", keys.Output, StringComparison.Ordinal);
        }

        using var issued = await IssueAsync(again);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(1, (await ListAsync(again)).GetArrayLength());
    }

    [NssFact]
    public async Task A_renewal_killed_after_its_record_ends_with_the_new_certificate_installed_and_the_old_one_superseded()
    {
        var settings = new Dictionary<string, string> { ["Sandbox:CertificateLifetimeDays"] = "30" };
        string old;
        int port;
        await using (var first = await StartAsync("Nss", settings))
        {
            port = first.Port;
            using var issued = await IssueAsync(first);
            old = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("thumbprint").GetString()!;
        }

        await using (var crashing = await StartAsync("Nss", settings, CrashPoints.AfterPendingRecord, port))
        {
            using var client = Client(crashing);
            using var started = await client.PostAsJsonAsync(new Uri($"{crashing.Url}api/v1/certificates/{old}/renewal"), new { password = Password });
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
            var renewalId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("renewalId").GetString();
            var code = (await client.GetFromJsonAsync<JsonElement>(new Uri($"{crashing.Url}api/v1/sandbox/tokens/demo01"))).GetProperty("code").GetString();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.PostAsJsonAsync(new Uri($"{crashing.Url}api/v1/renewals/{renewalId}/otp"), new { otp = code }));
            Assert.True(await crashing.WaitForExitAsync(CrashTimeout), "the helper stopped at the crash point");
        }

        await using var again = await StartAsync("Nss", settings, port: port);
        var listed = (await ListAsync(again)).EnumerateArray().ToList();

        var renewed = SandboxIssued().Single(r => r.Renews is not null);
        Assert.Equal(2, listed.Count);
        var successor = listed.Single(c => string.Equals(c.GetProperty("thumbprint").GetString(), renewed.Thumbprint, StringComparison.OrdinalIgnoreCase));
        Assert.True(successor.GetProperty("hasPrivateKey").GetBoolean());
        var superseded = listed.Single(c => string.Equals(c.GetProperty("thumbprint").GetString(), old, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(renewed.Thumbprint, superseded.GetProperty("supersededBy").GetString(), ignoreCase: true);
        Assert.False(superseded.GetProperty("renewable").GetBoolean());

        using var client2 = Client(again);
        using var second = await client2.PostAsJsonAsync(new Uri($"{again.Url}api/v1/certificates/{old}/renewal"), new { password = Password });
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("G211e", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        using var removal = new HttpRequestMessage(HttpMethod.Delete, new Uri($"{again.Url}api/v1/certificates/{old}")) { Content = JsonContent.Create(new { confirm = true }) };
        using var removed = await client2.SendAsync(removal);
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Single((await ListAsync(again)).EnumerateArray());
    }

    private string NssDatabase => Path.Combine(_home, ".pki", "nssdb");

    /// <summary>Issues with the helper armed to kill itself at <paramref name="point"/>; the port, for the restart.</summary>
    private async Task<int> CrashDuringIssuanceAsync(string store, string point)
    {
        await using var crashing = await StartAsync(store, crashAt: point);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => IssueAsync(crashing));
        Assert.True(await crashing.WaitForExitAsync(CrashTimeout), "the helper stopped at the crash point");
        Assert.NotEqual(0, crashing.ExitCode);
        return crashing.Port;
    }

    private Task<HelperProcess> StartAsync(string store, IReadOnlyDictionary<string, string>? settings = null, string? crashAt = null, int? port = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>())
        {
            ["Store:Kind"] = store,
            ["Store:Name"] = "certplatform-crash-test",
            ["Store:FirefoxProfiles"] = "false",
        };
        Directory.CreateDirectory(TemporaryFolder);
        var environment = new Dictionary<string, string> { ["TMPDIR"] = TemporaryFolder };
        if (crashAt is not null)
        {
            environment[CrashPoints.Variable] = crashAt;
        }

        return HelperProcess.StartAsync(_home, all, environment, port);
    }

    private HttpClient Client(HelperProcess helper)
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", File.ReadAllText(Path.Combine(DataDirectory, HelperPaths.ApiTokenFileName)).Trim());
        return client;
    }

    private async Task<HttpResponseMessage> IssueAsync(HelperProcess helper)
    {
        using var client = Client(helper);
        return await client.PostAsJsonAsync(new Uri($"{helper.Url}api/v1/certificates/issue"), new { loginId = "demo01", password = Password });
    }

    private async Task<JsonElement> ListAsync(HelperProcess helper)
    {
        using var client = Client(helper);
        var list = await client.GetFromJsonAsync<JsonElement>(new Uri($"{helper.Url}api/v1/certificates"));
        return list.GetProperty("certificates");
    }

    private IReadOnlyList<IssuedRecord> SandboxIssued()
    {
        using var registry = new SandboxRegistry(new HelperPaths(DataDirectory, Path.Combine(DataDirectory, "logs")));
        return registry.All;
    }

    private void AssertNoPendingInstall()
    {
        using var records = new HelperRecords(new HelperPaths(DataDirectory, Path.Combine(DataDirectory, "logs")), TimeProvider.System);
        Assert.False(records.AnyUnfinished, "the pending-install record was closed");
    }

    private void AssertNothingLeftInTheTemporaryFolder() =>
        Assert.Empty(Directory.EnumerateFileSystemEntries(TemporaryFolder, "certplatform-nss-*"));
}
