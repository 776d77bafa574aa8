using CertPlatform.Domain.Errors;

namespace CertPlatform.Sandbox.Tests;

public sealed class SandboxTokensTests : IDisposable
{
    private readonly SandboxWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public void An_in_sync_token_shows_the_code_of_the_centers_minute()
    {
        var display = _world.Tokens.Show("demo01");

        Assert.Equal("demo01", display.LoginId);
        Assert.Equal(SandboxWorld.DemoToken.CodeAt(_world.Time.GetUtcNow()), display.Code);
        Assert.Equal(30, display.SecondsRemaining);
    }

    [Fact]
    public void A_drifted_token_shows_the_code_of_five_minutes_ahead()
    {
        var display = _world.Tokens.Show("demo02");

        Assert.Equal(SandboxWorld.DemoToken.CodeAt(_world.Time.GetUtcNow().AddSeconds(300)), display.Code);
        Assert.NotEqual(_world.Tokens.Show("demo01").Code, display.Code);
    }

    [Fact]
    public void The_token_also_shows_its_next_code_the_one_a_minute_later()
    {
        var now = _world.Tokens.Show("demo02");
        _world.Time.Advance(TimeSpan.FromSeconds(now.SecondsRemaining));

        var later = _world.Tokens.Show("demo02");

        Assert.Equal(now.NextCode, later.Code);
        Assert.NotEqual(now.Code, now.NextCode);
    }

    [Fact]
    public void The_token_shows_a_new_code_after_a_minute()
    {
        var before = _world.Tokens.Show("demo01").Code;
        _world.Time.Advance(TimeSpan.FromSeconds(60));

        Assert.NotEqual(before, _world.Tokens.Show("demo01").Code);
    }

    [Theory]
    [InlineData("demo03")]
    [InlineData("nobody")]
    public void A_user_without_a_registered_token_has_nothing_to_show(string loginId)
    {
        var ex = Assert.Throws<CertPlatformException>(() => _world.Tokens.Show(loginId));

        Assert.Equal("G014e", ex.Error.Code);
    }
}
