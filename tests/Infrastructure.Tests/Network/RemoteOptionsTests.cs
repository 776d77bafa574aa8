using CertPlatform.Infrastructure.Tests.Fixtures;

namespace CertPlatform.Infrastructure.Tests.Network;

/// <summary>Remote mode refuses to start on a setting that cannot be what the bank meant.</summary>
public sealed class RemoteOptionsTests
{
    [Fact]
    public void Complete_remote_configuration_starts()
    {
        using var helper = new RemoteHelper(Valid());

        helper.ValidateAtStart();
    }

    [Theory]
    [InlineData("Center:BaseUrl", null)]
    [InlineData("Center:BaseUrl", "http://center.bank.example/")]
    [InlineData("Center:BaseUrl", "https://user:secret@center.bank.example/")]
    [InlineData("Center:BaseUrl", "https://center.bank.example/?tenant=1")]
    [InlineData("Center:BaseUrl", "center.bank.example")]
    [InlineData("Ca:EstBaseUrl", null)]
    [InlineData("Ca:EstBaseUrl", "ftp://ca.bank.example/")]
    [InlineData("Ca:Label", "a/b")]
    [InlineData("Ca:Label", "simpleenroll")]
    [InlineData("Ca:Label", "..")]
    [InlineData("Ca:MaxPendingWaitSeconds", "-1")]
    [InlineData("Ca:TrustAnchorPath", null)]
    [InlineData("Ca:TrustAnchorPath", "/nonexistent/anchors.pem")]
    [InlineData("Network:Proxy:Mode", "Explicit")]
    [InlineData("Network:Proxy:Url", "http://proxy.example:8080")]
    [InlineData("Network:TimeoutSeconds", "0")]
    [InlineData("Network:ServerTrustAnchorPath", "/nonexistent/tls.pem")]
    public void Remote_mode_does_not_start_with_a_bad_setting(string key, string? value)
    {
        var settings = Valid();
        settings[key] = value;
        using var helper = new RemoteHelper(settings);

        var failure = Record.Exception(helper.ValidateAtStart);

        Assert.Contains(key, Messages(failure), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("customer.key")]
    [InlineData("customer.crt")]
    public void Trust_anchor_bundle_must_be_certificates_with_a_root(string file)
    {
        var settings = Valid();
        settings["Ca:TrustAnchorPath"] = Path.Combine(TestPki.Certs, file);
        using var helper = new RemoteHelper(settings);

        var failure = Record.Exception(helper.ValidateAtStart);

        Assert.Contains("Ca:TrustAnchorPath", Messages(failure), StringComparison.Ordinal);
    }

    [Fact]
    public void Proxy_with_credentials_in_its_url_does_not_start_and_the_password_is_not_repeated()
    {
        var settings = Valid();
        settings["Network:Proxy:Mode"] = "Explicit";
        settings["Network:Proxy:Url"] = "http://user:hunter2@proxy.example:8080";
        using var helper = new RemoteHelper(settings);

        var messages = Messages(Record.Exception(helper.ValidateAtStart));

        Assert.Contains("Network:Proxy:Url", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxy_password_without_an_id_does_not_start()
    {
        var settings = Valid();
        settings["Network:Proxy:Mode"] = "System";
        settings["Network:Proxy:Password"] = "hunter2";
        using var helper = new RemoteHelper(settings);

        var messages = Messages(Record.Exception(helper.ValidateAtStart));

        Assert.Contains("Network:Proxy:Password", messages, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", messages, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_is_allowed_to_this_machine_only()
    {
        var settings = Valid();
        settings["Center:BaseUrl"] = "http://localhost:8089/bank/";
        settings["Ca:EstBaseUrl"] = "http://127.0.0.1:8089";
        using var helper = new RemoteHelper(settings);

        helper.ValidateAtStart();
    }

    private static Dictionary<string, string?> Valid() => new()
    {
        ["Center:BaseUrl"] = "https://center.bank.example/",
        ["Ca:EstBaseUrl"] = "https://ca.bank.example",
        ["Ca:TrustAnchorPath"] = TestPki.Anchors,
    };

    private static string Messages(Exception? failure)
    {
        Assert.NotNull(failure);
        return failure is AggregateException aggregate
            ? string.Join('\n', aggregate.Flatten().InnerExceptions.Select(e => e.Message))
            : failure.Message;
    }
}
