using System.Text;
using CertPlatform.Sandbox.Bank;
using Microsoft.Extensions.FileProviders;

namespace CertPlatform.Sandbox.Tests.Bank;

public sealed class BankPagesTests
{
    private readonly BankPages _pages = new(new EmbeddedFileProvider(typeof(BankPages).Assembly, "CertPlatform.Sandbox.Bank.wwwroot"));

    [Theory]
    [InlineData("index.html", "ログイン")]
    [InlineData("acquire.html", "電子証明書取得")]
    [InlineData("top.html", "トップページ")]
    [InlineData("download.html", "証明書発行アプリのダウンロード")]
    public void Each_page_is_served_with_the_shared_head_and_header_and_its_own_title(string page, string title)
    {
        var html = Read(_pages.GetFileInfo(page));

        Assert.Equal(1, Count(html, "<meta charset=\"utf-8\">"));
        Assert.Equal(1, Count(html, "<link rel=\"stylesheet\" href=\"css/bank.css\">"));
        Assert.Equal(1, Count(html, "<header class=\"bank-header\">"));
        Assert.Contains($"<title>{title} | CertPlatform サンドボックス銀行</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<!-- include", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("<meta charset", StringComparison.Ordinal) < 1024, "the charset is declared in the first 1024 bytes");
        Assert.Equal(Encoding.UTF8.GetByteCount(html), _pages.GetFileInfo(page).Length);
    }

    [Theory]
    [InlineData("partials/head.html")]
    [InlineData("/partials/header.html")]
    public void The_partials_themselves_are_not_served(string path) =>
        Assert.False(_pages.GetFileInfo(path).Exists);

    [Fact]
    public void Other_files_are_served_as_they_are() =>
        Assert.True(_pages.GetFileInfo("css/bank.css").Exists);

    [Fact]
    public void A_page_naming_a_missing_partial_is_an_error_not_a_half_page() =>
        Assert.Throws<InvalidOperationException>(() => BankPages.Expand("<head>\n  <!-- include nothing -->\n</head>\n", _ => null));

    private static string Read(IFileInfo file)
    {
        Assert.True(file.Exists);
        using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
