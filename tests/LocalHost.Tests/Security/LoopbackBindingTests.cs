using CertPlatform.LocalHost.Hosting;
using Microsoft.Extensions.Configuration;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>Which addresses the helper agrees to listen on, from every setting an address can come from.</summary>
public class LoopbackBindingTests
{
    [Theory]
    [InlineData("http://127.0.0.1:52235")]
    [InlineData("http://[::1]:52235")]
    [InlineData("http://localhost:52235")]
    [InlineData("http://LOCALHOST:52235")]
    [InlineData("https://127.0.0.1:52236")]
    [InlineData("http://127.0.0.1:0")]
    public void Loopback_addresses_are_accepted(string url)
    {
        Assert.Equal([url], LoopbackBinding.Resolve(Settings(("urls", url))));
    }

    [Theory]
    [InlineData("http://0.0.0.0:52235")]
    [InlineData("http://[::]:52235")]
    [InlineData("http://*:52235")]
    [InlineData("http://+:52235")]
    [InlineData("http://192.168.1.10:52235")]
    [InlineData("http://10.0.0.1:52235")]
    [InlineData("http://example.com:52235")]
    [InlineData("http://localhost.example.com:52235")]
    [InlineData("http://127.0.0.2:52235")]
    [InlineData("http://[::ffff:127.0.0.1]:52235")]
    [InlineData("http://127.0.0.1:52235@evil.example")]
    [InlineData("http://unix:/tmp/certplatform.sock")]
    [InlineData("http://pipe:/certplatform")]
    [InlineData("ftp://127.0.0.1:52235")]
    [InlineData("http://127.0.0.1:52235/base")]
    [InlineData("not a url")]
    public void Wildcard_and_foreign_addresses_are_refused(string url)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => LoopbackBinding.Resolve(Settings(("urls", url))));

        Assert.Contains("loopback only", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(url, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_foreign_address_among_loopback_ones_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => LoopbackBinding.Resolve(Settings(("urls", "http://127.0.0.1:52235;http://0.0.0.0:52235"))));
    }

    [Theory]
    [InlineData("http://0.0.0.0:52235")]
    [InlineData("http://*:52235")]
    [InlineData("http://192.168.1.10:52235")]
    public void Kestrel_endpoints_in_configuration_are_checked_too(string url)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => LoopbackBinding.Resolve(Settings(("Kestrel:Endpoints:Http:Url", url))));

        Assert.Contains("Kestrel:Endpoints:Http:Url", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("80")]
    [InlineData("1023")]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("52235x")]
    public void A_helper_port_out_of_range_is_refused(string port)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => LoopbackBinding.Resolve(Settings(("Helper:Port", port))));

        Assert.Contains("Helper:Port", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_urls_the_helper_listens_on_127_0_0_1_and_its_port()
    {
        Assert.Equal(["http://127.0.0.1:50123"], LoopbackBinding.Resolve(Settings(("Helper:Port", "50123"))));
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
