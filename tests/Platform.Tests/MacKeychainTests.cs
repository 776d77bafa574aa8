using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure.Stores;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Options;

namespace CertPlatform.Platform.Tests;

/// <summary>
/// macOS: the helper's store is CurrentUser\My, the default keychain. The test makes a keychain of its own, makes it
/// the user's default (and first in the search list) while it runs, and puts the login keychain back after, so the
/// user's own keychain is never written. Issuance into it, certificate login to the HTTPS sandbox bank from another
/// process, a locked keychain answering G233e, removal.
/// </summary>
public sealed class MacKeychainTests : IAsyncLifetime
{
    private readonly string _home = Directory.CreateTempSubdirectory("certplatform-mac-").FullName;
    private readonly string _password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    private string _keychain = string.Empty;
    private string? _previousDefault;
    private string[] _previousList = [];

    public async Task InitializeAsync()
    {
        if (!OperatingSystem.IsMacOS() || !PlatformRunner.IsRunner)
        {
            return;
        }

        _keychain = Path.Combine(_home, "certplatform-test.keychain-db");
        _previousDefault = Unquote((await Security("default-keychain", "-d", "user")).Trim());
        _previousList = (await Security("list-keychains", "-d", "user")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Unquote).ToArray();
        await Security("create-keychain", "-p", _password, _keychain);
        await Security("set-keychain-settings", _keychain);
        await Security("unlock-keychain", "-p", _password, _keychain);
        await Security(["list-keychains", "-d", "user", "-s", _keychain, .. _previousList]);
        await Security("default-keychain", "-d", "user", "-s", _keychain);
    }

    public async Task DisposeAsync()
    {
        if (_keychain.Length > 0)
        {
            if (_previousDefault is { Length: > 0 })
            {
                await Security("default-keychain", "-d", "user", "-s", _previousDefault);
            }

            await Security(["list-keychains", "-d", "user", "-s", .. _previousList]);
            await Security("delete-keychain", _keychain);
        }

        Directory.Delete(_home, recursive: true);
    }

    [MacRunnerFact]
    public async Task The_certificate_goes_into_the_default_keychain_logs_in_to_the_HTTPS_sandbox_bank_and_is_removed()
    {
        var thumbprint = await StoredCertificate.IssueAsync(_home, "My", "ECDSA-P256");

        // The key's access list names the helper's executable; another program (this test, a browser) asks the user
        // ("wants to sign using key"), which a runner cannot answer. The user's 「常に許可」 is, on a runner, the
        // partition list that CI sets for code signing keys.
        await Security("set-key-partition-list", "-S", "apple-tool:,apple:,unsigned:", "-s", "-k", _password, _keychain);

        using (var certificate = StoredCertificate.Find("My", thumbprint))
        {
            Assert.True(certificate.HasPrivateKey);
            StoredCertificate.AssertSigns(certificate);
            Assert.Equal(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), await StoredCertificate.LogInToTheSandboxBankAsync(_home, "My", certificate));
        }

        Assert.Contains(thumbprint, await Security("find-certificate", "-a", "-Z", _keychain), StringComparison.OrdinalIgnoreCase);
        new X509CertificateStore(Options.Create(new StoreOptions { Name = "My" })).Remove(thumbprint);
        Assert.DoesNotContain(thumbprint, await Security("find-certificate", "-a", "-Z", _keychain), StringComparison.OrdinalIgnoreCase);
    }

    [MacRunnerFact]
    public async Task A_locked_keychain_is_G233e_with_the_remedy_not_a_bare_error()
    {
        await Security("lock-keychain", _keychain);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=locked keychain test", key, HashAlgorithmName.SHA256)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));

        var ex = Assert.Throws<CertPlatformException>(() => new X509CertificateStore(Options.Create(new StoreOptions { Name = "My" })).Add(certificate));

        Assert.Equal("G233e", ex.Error.Code);
        Assert.Contains("キーチェーン", ex.Error.Remedy.Ja, StringComparison.Ordinal);
    }

    private static string Unquote(string line) => line.Trim().Trim('"');

    private static Task<string> Security(params string[] arguments) => SecurityTool(arguments);

    private static async Task<string> SecurityTool(string[] arguments)
    {
        var (exitCode, output) = await ExternalTool.Run("/usr/bin/security", arguments);
        Assert.True(exitCode == 0, $"security {arguments[0]} failed ({exitCode}): {output}");
        return output;
    }
}
