using CertPlatform.Domain.Launch;

namespace CertPlatform.Domain.Tests;

/// <summary>The bank's button's URL chooses one of three screens and nothing else, whatever it carries.</summary>
public sealed class LaunchUrlTests
{
    [Theory]
    [InlineData("certplatform://issue", HelperScreen.Issue)]
    [InlineData("certplatform://issue/", HelperScreen.Issue)]
    [InlineData("CERTPLATFORM://ISSUE", HelperScreen.Issue)]
    [InlineData("certplatform:issue", HelperScreen.Issue)]
    [InlineData("certplatform://renew?from=bsms001", HelperScreen.Renew)]
    [InlineData("certplatform://renew#top", HelperScreen.Renew)]
    [InlineData("certplatform://", HelperScreen.Main)]
    [InlineData("certplatform:", HelperScreen.Main)]
    public void The_first_name_chooses_the_screen(string url, HelperScreen screen) =>
        Assert.Equal(screen, LaunchUrl.ScreenOf(url, "certplatform"));

    [Theory]
    [InlineData("certplatform://issue-now")]
    [InlineData("certplatform://%69ssue")]
    [InlineData("certplatform://../../etc/passwd")]
    [InlineData("certplatform://..%2F..%2Fissue")]
    [InlineData("certplatform://--Helper:Port=80")]
    [InlineData("certplatform://issue@evil.example")]
    [InlineData("certplatform://evil.example/issue")]
    [InlineData("certplatform://C:\\Windows\\issue")]
    [InlineData("certplatform://issue\u0000renew")]
    [InlineData("certplatform://ｉｓｓｕｅ")]
    [InlineData("certplatform://\r\nissue")]
    public void Anything_else_opens_the_main_screen(string url) =>
        Assert.Equal(HelperScreen.Main, LaunchUrl.ScreenOf(url, "certplatform"));

    [Fact]
    public void A_url_longer_than_the_limit_is_not_read()
    {
        var url = "certplatform://issue/" + new string('a', LaunchUrl.MaxLength);

        Assert.Equal(HelperScreen.Main, LaunchUrl.ScreenOf(url, "certplatform"));
    }

    [Fact]
    public void Only_a_url_of_the_scheme_among_the_arguments_is_a_launch()
    {
        string[] args = ["--Helper:Port=52240", "https://evil.example/issue", "certplatformx://issue", "file:///issue", "certplatform://renew", "certplatform://issue"];

        Assert.Equal(HelperScreen.Renew, LaunchUrl.Find(args, "certplatform"));
        Assert.Null(LaunchUrl.Find(["--Helper:Port=52240", "issue"], "certplatform"));
        Assert.Null(LaunchUrl.Find([], "certplatform"));
    }

    [Fact]
    public void A_banks_own_scheme_is_the_one_read()
    {
        Assert.Equal(HelperScreen.Issue, LaunchUrl.Find(["nakanogo-cert://issue"], "nakanogo-cert"));
        Assert.Null(LaunchUrl.Find(["certplatform://issue"], "nakanogo-cert"));
    }

    [Fact]
    public void The_fragment_names_only_the_two_screens()
    {
        Assert.Equal("#issue", LaunchUrl.FragmentOf(HelperScreen.Issue));
        Assert.Equal("#renew", LaunchUrl.FragmentOf(HelperScreen.Renew));
        Assert.Equal(string.Empty, LaunchUrl.FragmentOf(HelperScreen.Main));
    }

    [Theory]
    [InlineData("certplatform", true)]
    [InlineData("nakanogo-cert", true)]
    [InlineData("bank.cert+v2", true)]
    [InlineData("Certplatform", false)]
    [InlineData("1cert", false)]
    [InlineData("c", false)]
    [InlineData("https", false)]
    [InlineData("file", false)]
    [InlineData("javascript", false)]
    [InlineData("cert platform", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void A_scheme_is_lower_case_rfc_3986_and_not_the_webs_own(string? scheme, bool valid) =>
        Assert.Equal(valid, UrlSchemes.IsValid(scheme));
}
