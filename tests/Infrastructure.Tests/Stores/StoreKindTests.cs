using CertPlatform.Infrastructure.Stores;

namespace CertPlatform.Infrastructure.Tests.Stores;

/// <summary>Store:Kind=Auto (the default) installs where the user's browser looks.</summary>
public sealed class StoreKindTests : IDisposable
{
    private readonly string _tools = Directory.CreateTempSubdirectory("certplatform-nss-tools-").FullName;

    [Fact]
    public void Auto_is_the_default()
    {
        Assert.Equal(StoreKind.Auto, new StoreOptions().Kind);
    }

    [Fact]
    public void Auto_on_linux_with_the_nss_tools_installs_into_the_nss_database_the_browsers_read()
    {
        File.WriteAllText(Path.Combine(_tools, "certutil"), string.Empty);
        File.WriteAllText(Path.Combine(_tools, "pk12util"), string.Empty);

        var kind = new StoreOptions { NssToolsDirectory = _tools }.EffectiveKind();

        Assert.Equal(OperatingSystem.IsLinux() ? StoreKind.Nss : StoreKind.X509, kind);
    }

    [Fact]
    public void Auto_without_both_nss_tools_falls_back_to_the_dotnet_store()
    {
        File.WriteAllText(Path.Combine(_tools, "certutil"), string.Empty);

        Assert.Equal(StoreKind.X509, new StoreOptions { NssToolsDirectory = _tools }.EffectiveKind());
    }

    [Theory]
    [InlineData(StoreKind.X509)]
    [InlineData(StoreKind.Nss)]
    public void An_explicit_kind_is_kept(StoreKind kind)
    {
        Assert.Equal(kind, new StoreOptions { Kind = kind, NssToolsDirectory = _tools }.EffectiveKind());
    }

    public void Dispose() => Directory.Delete(_tools, recursive: true);
}
