using System.Text;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using CertPlatform.ReleaseTool;
using CertPlatform.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CertPlatform.Tools.Tests;

public sealed class ReleaseToolTests : IDisposable
{
    private readonly ReleaseToolFixture _tool = new();

    public ReleaseToolTests() => Assert.Equal(0, _tool.Run("keygen", "--out", _tool.Keys));

    public void Dispose() => _tool.Dispose();

    [Fact]
    public void Keygen_writes_a_PKCS8_private_key_and_an_SPKI_public_key()
    {
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(_tool.PrivateKey), StringComparison.Ordinal);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(_tool.PublicKey), StringComparison.Ordinal);
        using var key = ManifestSignature.ImportPublicKey(File.ReadAllText(_tool.PublicKey));
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Keygen_keeps_the_private_key_to_the_user()
    {
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_tool.PrivateKey));
    }

    [Fact]
    public void Keygen_refuses_to_replace_an_existing_feed_key()
    {
        var before = File.ReadAllText(_tool.PrivateKey);

        Assert.Equal(2, _tool.Run("keygen", "--out", _tool.Keys));
        Assert.Equal(before, File.ReadAllText(_tool.PrivateKey));
    }

    [Fact]
    public void Keygen_without_out_writes_to_the_users_configuration_folder()
    {
        Assert.Equal(0, _tool.Run("keygen"));

        Assert.True(File.Exists(Path.Combine(_tool.DefaultKeys, ReleaseCommands.PrivateKeyFile)));
        Assert.Contains(_tool.DefaultKeys, _tool.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Keygen_refuses_a_folder_inside_a_git_work_tree_unless_told()
    {
        var repository = Path.Combine(_tool.Folder, "repo");
        Directory.CreateDirectory(Path.Combine(repository, ".git"));
        var inside = Path.Combine(repository, "keys");

        Assert.Equal(2, _tool.Run("keygen", "--out", inside));
        Assert.Contains("git work tree", _tool.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(inside));

        Assert.Equal(0, _tool.Run("keygen", "--out", inside, "--in-work-tree", "yes"));
        Assert.True(File.Exists(Path.Combine(inside, ReleaseCommands.PrivateKeyFile)));
    }

    [Fact]
    public void A_signed_manifest_verifies_with_the_helpers_verifier()
    {
        Assert.Equal(0, _tool.Sign());

        var manifest = HelperVerifier().Verify(Signed(), SemanticVersion.Parse("1.0.0"));

        Assert.Equal("1.2.0", manifest.Version.ToString());
        Assert.Equal("1.1.0", manifest.MinimumSupportedVersion!.ToString());
        Assert.Equal(ReleaseToolFixture.Now.AddDays(30), manifest.ExpiresAt);
        Assert.Equal(new LocalizedText("不具合を修正しました。", "Fixes."), manifest.Notes);
        Assert.Equal(5000, manifest.PackageFor("linux-x64")!.Size);
    }

    [Fact]
    public void The_manifest_names_the_packages_hash()
    {
        Assert.Equal(0, _tool.Sign());

        var manifest = UpdateManifestJson.Parse(File.ReadAllBytes(_tool.Manifest));

        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_tool.PackagePath))), manifest.PackageFor("linux-x64")!.Sha256);
    }

    [Fact]
    public void One_manifest_can_carry_a_package_per_platform()
    {
        var windows = Path.Combine(_tool.Folder, "certplatform-1.2.0-win-x64.msi");
        File.WriteAllBytes(windows, [1, 2, 3]);

        Assert.Equal(0, _tool.Sign("--package", windows, "--url", "certplatform-1.2.0-win-x64.msi", "--rid", "win-x64"));

        var manifest = UpdateManifestJson.Parse(File.ReadAllBytes(_tool.Manifest));
        Assert.Equal(["linux-x64", "win-x64"], manifest.Packages.Keys.Order(StringComparer.Ordinal));
    }

    [OpenSslFact]
    public void A_signed_manifest_verifies_with_openssl()
    {
        Assert.Equal(0, _tool.Sign());
        var der = Path.Combine(_tool.Folder, "sig.der");
        File.WriteAllBytes(der, Convert.FromBase64String(File.ReadAllText(_tool.Manifest + ".sig")));

        var (exitCode, output) = OpenSsl.Run("dgst", "-sha256", "-verify", _tool.PublicKey, "-signature", der, _tool.Manifest);

        Assert.Equal(0, exitCode);
        Assert.Contains("Verified OK", output, StringComparison.Ordinal);
    }

    [OpenSslFact]
    public void Openssl_refuses_a_manifest_changed_after_signing()
    {
        Assert.Equal(0, _tool.Sign());
        var der = Path.Combine(_tool.Folder, "sig.der");
        File.WriteAllBytes(der, Convert.FromBase64String(File.ReadAllText(_tool.Manifest + ".sig")));
        File.AppendAllText(_tool.Manifest, " ");

        var (exitCode, _) = OpenSsl.Run("dgst", "-sha256", "-verify", _tool.PublicKey, "-signature", der, _tool.Manifest);

        Assert.NotEqual(0, exitCode);
    }

    [OpenSslFact]
    public void A_key_pair_made_by_openssl_signs_manifests_the_helper_accepts()
    {
        var privateKey = Path.Combine(_tool.Folder, "openssl-key.pem");
        var publicKey = Path.Combine(_tool.Folder, "openssl-pub.pem");
        Assert.Equal(0, OpenSsl.Run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", privateKey).ExitCode);
        Assert.Equal(0, OpenSsl.Run("pkey", "-in", privateKey, "-pubout", "-out", publicKey).ExitCode);
        File.Copy(privateKey, _tool.PrivateKey, overwrite: true);

        Assert.Equal(0, _tool.Sign());

        Assert.Equal(0, _tool.Run("verify", "--key", publicKey, "--manifest", _tool.Manifest));
    }

    [Fact]
    public void Verify_accepts_the_tools_own_output_and_package()
    {
        Assert.Equal(0, _tool.Sign());

        Assert.Equal(0, _tool.Run("verify", "--key", _tool.PublicKey, "--manifest", _tool.Manifest, "--package", _tool.PackagePath, "--rid", "linux-x64"));
        Assert.StartsWith("VERIFIED: version 1.2.0", _tool.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_refuses_a_tampered_manifest()
    {
        Assert.Equal(0, _tool.Sign());
        File.WriteAllText(_tool.Manifest, File.ReadAllText(_tool.Manifest).Replace("1.2.0", "1.9.0", StringComparison.Ordinal));

        Assert.Equal(1, _tool.Run("verify", "--key", _tool.PublicKey, "--manifest", _tool.Manifest));
        Assert.StartsWith("NOT VERIFIED", _tool.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_refuses_a_manifest_without_its_signature()
    {
        Assert.Equal(0, _tool.Sign());
        File.Delete(_tool.Manifest + ".sig");

        Assert.Equal(1, _tool.Run("verify", "--key", _tool.PublicKey, "--manifest", _tool.Manifest));
    }

    [Fact]
    public void Verify_refuses_an_expired_manifest()
    {
        Assert.Equal(0, _tool.Sign("--expires-days", "7"));
        _tool.Time.Advance(TimeSpan.FromDays(7));

        Assert.Equal(1, _tool.Run("verify", "--key", _tool.PublicKey, "--manifest", _tool.Manifest));
    }

    [Fact]
    public void Verify_refuses_a_package_that_is_not_the_signed_one()
    {
        Assert.Equal(0, _tool.Sign());
        File.AppendAllText(_tool.PackagePath, "x");

        Assert.Equal(1, _tool.Run("verify", "--key", _tool.PublicKey, "--manifest", _tool.Manifest, "--package", _tool.PackagePath, "--rid", "linux-x64"));
    }

    [Theory]
    [InlineData("--version", "1.2")]
    [InlineData("--min-version", "2.0.0")]
    [InlineData("--rid", "Linux X64")]
    [InlineData("--url", "http://updates.bank.example/p.zip")]
    [InlineData("--url", "ftp://updates.bank.example/p.zip")]
    [InlineData("--expires-days", "0")]
    [InlineData("--expires-days", "366")]
    [InlineData("--expires-days", "thirty")]
    public void Sign_refuses_input_that_would_make_a_bad_manifest(string option, string value)
    {
        var args = new List<string>
        {
            "sign", "--key", _tool.PrivateKey, "--version", "1.2.0", "--out", _tool.Out,
            "--package", _tool.PackagePath, "--url", "https://updates.bank.example/p.zip", "--rid", "linux-x64",
            "--notes-ja", "修正", "--notes-en", "Fixes", "--min-version", "1.0.0", "--expires-days", "30",
        };
        args[args.IndexOf(option) + 1] = value;

        Assert.Equal(2, _tool.Run([.. args]));
        Assert.False(File.Exists(_tool.Manifest));
    }

    [Fact]
    public void Sign_refuses_a_public_key_in_place_of_the_signing_key()
    {
        Assert.Equal(2, _tool.Run(
            "sign", "--key", _tool.PublicKey, "--version", "1.2.0", "--out", _tool.Out, "--package", _tool.PackagePath,
            "--url", "p.zip", "--rid", "linux-x64", "--notes-ja", "修正", "--notes-en", "Fixes"));
    }

    [Theory]
    [InlineData]
    [InlineData("publish")]
    [InlineData("sign", "--version")]
    [InlineData("keygen", "--output", "x")]
    public void A_wrong_command_line_prints_the_usage(params string[] args)
    {
        Assert.Equal(2, _tool.Run(args));
        Assert.Contains("keygen [--out <dir>]", _tool.Error, StringComparison.Ordinal);
    }

    private SignedManifest Signed() =>
        new(File.ReadAllBytes(_tool.Manifest), Encoding.ASCII.GetBytes(File.ReadAllText(_tool.Manifest + ".sig")));

    private UpdateManifestVerifier HelperVerifier() =>
        new(Options.Create(new UpdateOptions { PublicKeyPath = _tool.PublicKey }), _tool.Time, NullLogger<UpdateManifestVerifier>.Instance);
}
