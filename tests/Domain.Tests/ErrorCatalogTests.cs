using CertPlatform.Domain.Errors;

namespace CertPlatform.Domain.Tests;

public class ErrorCatalogTests
{
    [Theory]
    [InlineData("G001e")]
    [InlineData("G002e")]
    [InlineData("G003e")]
    [InlineData("G004e")]
    [InlineData("G005e")]
    [InlineData("G006e")]
    [InlineData("G007i")]
    [InlineData("G008e")]
    [InlineData("G009e")]
    [InlineData("G014e")]
    [InlineData("G021e")]
    [InlineData("BZBE001011")]
    [InlineData("BZBE011008")]
    public void Every_code_of_the_manual_is_in_the_catalog(string code)
    {
        Assert.NotNull(ErrorCatalog.Find(code));
    }

    [Fact]
    public void Codes_are_unique()
    {
        Assert.Equal(ErrorCatalog.All.Count, ErrorCatalog.All.Select(e => e.Code).Distinct().Count());
    }

    [Fact]
    public void Every_entry_has_a_message_and_a_remedy_in_both_languages()
    {
        Assert.All(ErrorCatalog.All, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message.Ja), e.Code);
            Assert.False(string.IsNullOrWhiteSpace(e.Message.En), e.Code);
            Assert.False(string.IsNullOrWhiteSpace(e.Remedy.Ja), e.Code);
            Assert.False(string.IsNullOrWhiteSpace(e.Remedy.En), e.Code);
            Assert.NotEqual(e.Message.Ja, e.Message.En);
        });
    }

    [Theory]
    [InlineData("G001e", "証明書のインストールに失敗しました。詳しくは本サービスのお問合せ窓口へご照会ください。[G001e]")]
    [InlineData("G006e", "入力内容に誤りがあります。[G006e]")]
    [InlineData("G008e", "ただいま受付が混雑しております。しばらく時間をおいてからご利用ください。[G008e]")]
    [InlineData("G014e", "ワンタイムパスワードの利用開始登録がされていません。ブラウザからログインして登録してください。[G014e]")]
    public void Japanese_messages_are_the_manuals_words(string code, string expected)
    {
        Assert.Equal(expected, ErrorCatalog.Find(code)!.MessageFor("ja"));
    }

    [Theory]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("ja", "ja")]
    [InlineData("fr", "ja")]
    [InlineData(null, "ja")]
    public void Japanese_is_the_default_language(string? language, string expected)
    {
        var text = new LocalizedText("ja", "en");

        Assert.Equal(expected, text.For(language));
    }

    [Fact]
    public void The_exception_message_is_the_catalog_text_only()
    {
        var ex = new CertPlatformException(ErrorCatalog.G101e);

        Assert.Equal("G101e: The login ID or login password is not correct.", ex.Message);
    }
}
