using CertPlatform.Infrastructure.Hosting;
using CertPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CertPlatform.Sandbox.Tests;

/// <summary>
/// The sandbox CA's key and certificate are trust material: one without the other, or either unreadable, refuses the
/// start and leaves the files as they are; only <c>Sandbox:Reset</c> begins a new sandbox, and it moves the old aside.
/// </summary>
public sealed class SandboxTrustMaterialTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "certplatform-tests", Guid.NewGuid().ToString("N"));

    private string Certificate => Path.Combine(_data, "sandbox", "ca.crt");

    private string Key => Path.Combine(_data, "sandbox", "ca.key");

    private string FeedKey => Path.Combine(_data, "sandbox", "update-feed.key");

    private string FeedPublicKey => Path.Combine(_data, "sandbox", "update-feed.pub.pem");

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public async Task The_first_start_makes_the_root_and_the_next_one_reuses_it()
    {
        var first = await StartAsync();
        var second = await StartAsync();

        Assert.Null(first.Refusal);
        Assert.Equal(first.Thumbprint, second.Thumbprint);
    }

    [Theory]
    [InlineData("certificate")]
    [InlineData("key")]
    public async Task One_file_without_the_other_refuses_the_start_and_touches_nothing(string removed)
    {
        await StartAsync();
        File.Delete(removed == "key" ? Key : Certificate);
        var left = removed == "key" ? Certificate : Key;
        var before = await File.ReadAllBytesAsync(left);

        var start = await StartAsync();

        Assert.NotNull(start.Refusal);
        Assert.Contains(removed == "key" ? Key : Certificate, start.Refusal, StringComparison.Ordinal);
        Assert.Contains("--Sandbox:Reset=true", start.Refusal, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(left));
        Assert.False(File.Exists(removed == "key" ? Key : Certificate), "no new file was made in its place");
    }

    [Fact]
    public async Task A_key_that_cannot_be_read_refuses_the_start_instead_of_failing_every_request()
    {
        await StartAsync();
        await File.WriteAllTextAsync(Key, "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n");

        var start = await StartAsync();

        Assert.NotNull(start.Refusal);
        Assert.Contains("cannot be read", start.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("garbage", start.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing key")]
    [InlineData("garbage key")]
    [InlineData("another key's public half")]
    public async Task A_broken_update_feed_key_refuses_the_start_and_no_new_key_is_made(string damage)
    {
        await StartAsync(signFeed: true);
        var before = await File.ReadAllBytesAsync(FeedPublicKey);
        switch (damage)
        {
            case "missing key":
                File.Delete(FeedKey);
                break;
            case "garbage key":
                await File.WriteAllTextAsync(FeedKey, "-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n");
                break;
            default:
                using (var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
                {
                    await File.WriteAllTextAsync(FeedPublicKey, other.ExportSubjectPublicKeyInfoPem());
                }

                before = await File.ReadAllBytesAsync(FeedPublicKey);
                break;
        }

        var start = await StartAsync();

        Assert.NotNull(start.Refusal);
        Assert.Contains("update feed key", start.Refusal, StringComparison.Ordinal);
        Assert.Contains("--Sandbox:Reset=true", start.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("garbage", start.Refusal, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(FeedPublicKey));
        Assert.Equal(damage != "missing key", File.Exists(FeedKey));
    }

    [Fact]
    public async Task A_lost_public_half_of_the_update_feed_key_is_written_again_from_the_key()
    {
        await StartAsync(signFeed: true);
        var before = await File.ReadAllTextAsync(FeedPublicKey);
        File.Delete(FeedPublicKey);

        var start = await StartAsync();

        Assert.Null(start.Refusal);
        Assert.Equal(before, await File.ReadAllTextAsync(FeedPublicKey));
    }

    [Fact]
    public async Task Reset_moves_the_old_sandbox_aside_and_begins_a_new_one()
    {
        var old = await StartAsync();
        File.Delete(Key);

        var reset = await StartAsync(reset: true);

        Assert.Null(reset.Refusal);
        Assert.NotEqual(old.Thumbprint, reset.Thumbprint);
        var aside = Assert.Single(Directory.GetDirectories(_data, "sandbox.reset-*"));
        Assert.True(File.Exists(Path.Combine(aside, "ca.crt")), "the old root is kept aside, not deleted");
    }

    /// <summary>What a start of the helper does with the sandbox: its hosted check; the root's thumbprint or the refusal.</summary>
    private async Task<(string? Thumbprint, string? Refusal)> StartAsync(bool reset = false, bool signFeed = false)
    {
        using var sandbox = new SandboxFixture(new Dictionary<string, string?>
        {
            ["Helper:DataDirectory"] = _data,
            ["Sandbox:Reset"] = reset ? "true" : "false",
        });
        var check = sandbox.Services.GetServices<IHostedService>().Single(s => s.GetType().Name == "SandboxStartCheck");
        try
        {
            await check.StartAsync(default);
            if (signFeed)
            {
                _ = sandbox.Get<SandboxFeedKey>().Sign("manifest"u8);
            }

            return (sandbox.Get<SandboxCaKeys>().PublicCertificate.Thumbprint, null);
        }
        catch (StartupRefusal refusal)
        {
            return (null, refusal.Message);
        }
    }
}
