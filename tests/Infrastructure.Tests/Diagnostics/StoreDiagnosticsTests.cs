using CertPlatform.Application.Checks;
using CertPlatform.Application.Diagnostics;
using CertPlatform.Application.Diagnostics.Checks;
using CertPlatform.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.Infrastructure.Tests.Diagnostics;

/// <summary>The store check against the real .NET user store: one that opens, and one that cannot be opened.</summary>
public sealed class StoreDiagnosticsTests
{
    [Fact]
    public void The_users_store_opens_and_its_certificates_of_the_banks_ca_are_counted()
    {
        using var fixture = new SandboxFixture();

        var store = fixture.Services.GetRequiredService<StoreCheck>().Run();

        Assert.Equal(CheckStatus.Ok, store.Status);
        Assert.Equal("0", store.Facts!["bankCertificates"]);
        Assert.Contains(fixture.StoreName, store.Facts["store"], StringComparison.Ordinal);
    }

    [Fact]
    public void A_store_that_cannot_be_opened_fails_with_G251e()
    {
        // A store name the OS refuses (a misconfigured Store:Name): the store cannot be opened at all. Windows makes a
        // store of any name, so there the Application tests' unopenable store stands in for this one.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var fixture = new SandboxFixture(new Dictionary<string, string?> { ["Store:Name"] = "Certificates/../../Broken" });

        var store = fixture.Services.GetRequiredService<StoreCheck>().Run();

        Assert.Equal(CheckStatus.Failed, store.Status);
        Assert.Equal("G251e", store.Code);
        Assert.Contains("電子証明書を発行したユーザーでPCにログイン", store.Remedy!.Ja, StringComparison.Ordinal);
    }
}
