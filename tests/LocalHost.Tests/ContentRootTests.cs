using CertPlatform.LocalHost.Hosting;

namespace CertPlatform.LocalHost.Tests;

public sealed class ContentRootTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("certplatform-contentroot-").FullName;

    [Fact]
    public void An_installed_helper_reads_its_pages_and_settings_from_its_own_folder()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "wwwroot"));

        Assert.Equal([$"--contentRoot={_folder}"], ContentRoot.Arguments(_folder));
    }

    [Fact]
    public void A_build_output_without_pages_keeps_the_folder_it_was_started_in() =>
        Assert.Empty(ContentRoot.Arguments(_folder));

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
