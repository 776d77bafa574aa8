using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Tests.Fixtures;

namespace CertPlatform.Infrastructure.Tests.Est;

/// <summary>Every way the CA's answer can be wrong, through the whole issuance: its catalog code, and nothing in the store.</summary>
[Collection(WireMockCollection.Name)]
public sealed class EstFaultTests
{
    private readonly WireMockPeers _peers;

    public EstFaultTests(WireMockPeers peers)
    {
        _peers = peers;
        _peers.Reset();
    }

    [Fact]
    public async Task Issuance_in_remote_mode_installs_the_certificate_the_ca_signed()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl);
        using var expected = TestPki.Certificate("customer");

        var issued = await helper.IssueAsync();

        Assert.Equal(expected.Thumbprint, issued.Thumbprint);
        Assert.Equal(1, helper.Store.Count);
    }

    [Theory]
    [InlineData("not-base64", "G206e")]
    [InlineData("not-pkcs7", "G206e")]
    [InlineData("no-certificate", "G206e")]
    [InlineData("html", "G206e")]
    [InlineData("other-key", "G204e")]
    [InlineData("rogue", "G204e")]
    [InlineData("refused", "G206e")]
    [InlineData("busy", "G008e")]
    [InlineData("too-many", "G008e")]
    [InlineData("error", "G005e")]
    public async Task Faulty_ca_answer_is_its_catalog_code_and_leaves_the_store_as_it_was(string label, string code)
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: label);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(code, refused.Error.Code);
        Assert.Equal(0, helper.Store.Count);
        Assert.Equal(1, helper.Keys.Discarded);
    }

    [Theory]
    [InlineData("busy")]
    [InlineData("too-many")]
    public async Task Busy_ca_passes_on_its_retry_after(string label)
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: label);

        var refused = await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
    }

    [Fact]
    public async Task Ca_answer_refused_says_why_in_the_log()
    {
        using var helper = RemoteHelper.For(_peers.HttpsUrl, label: "other-key");

        await Assert.ThrowsAsync<CertPlatformException>(() => helper.IssueAsync());

        Assert.Contains("none of the 1 certificates is for the requested key", helper.Log.Text, StringComparison.Ordinal);
    }
}
