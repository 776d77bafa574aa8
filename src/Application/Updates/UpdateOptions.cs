using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CertPlatform.Domain.Updates;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Updates;

/// <summary>
/// Configuration section <c>Updates</c>. Without a feed URL the helper does not look for updates (a bank that
/// deploys the helper by other means); in Embedded mode the sandbox feed fills in the URL and its key.
/// </summary>
public sealed class UpdateOptions
{
    public const string Section = "Updates";

    /// <summary>The address of manifest.json; manifest.json.sig is read next to it. https, or http on loopback.</summary>
    public string? FeedUrl { get; set; }

    /// <summary>The feed's public key, pinned: a PEM "PUBLIC KEY" (ECDSA P-256). Or <see cref="PublicKeyPath"/>.</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>A file holding the pinned PEM public key.</summary>
    public string? PublicKeyPath { get; set; }

    /// <summary>Look for a new version when the helper starts (the manual's 1.2).</summary>
    public bool CheckAtStart { get; set; } = true;

    /// <summary>The runtime identifier whose package to take; by default this PC's (e.g. <c>linux-x64</c>).</summary>
    public string? Rid { get; set; }

    /// <summary>Where versions are installed side by side; by default <c>app</c> in the data directory.</summary>
    public string? InstallDirectory { get; set; }

    /// <summary>
    /// The file a package must contain to be installed; an empty or foreign package is refused. The helper's program:
    /// the native program of the Linux package (compiled ahead of time), the app host of the macOS one.
    /// </summary>
    public string EntryPoint { get; set; } = "CertPlatform.LocalHost";

    /// <summary>A download that receives nothing for this long is given up (G002e) and can be resumed.</summary>
    public int DownloadIdleTimeoutSeconds { get; set; } = 60;

    /// <summary>How old the last check may be before issuance and renewal check again for a mandatory update.</summary>
    public int RecheckMinutes { get; set; } = 60;

    /// <summary>
    /// The bank's code-signing publisher for its Windows installer (.msi): the signer certificate's subject (the whole
    /// distinguished name, or its CN) or its SHA-1 thumbprint. When set, an .msi is installed only if Windows finds its
    /// Authenticode signature valid and made by this publisher (G412e otherwise).
    /// </summary>
    public string? MsiPublisher { get; set; }

    /// <summary>Check the .msi's Authenticode signature; by default exactly when <see cref="MsiPublisher"/> is set.</summary>
    public bool? VerifyMsiSignature { get; set; }

    public bool ChecksMsiSignature => VerifyMsiSignature ?? !string.IsNullOrWhiteSpace(MsiPublisher);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(FeedUrl);

    public Uri FeedUri => new(FeedUrl!, UriKind.Absolute);

    public string EffectiveRid => string.IsNullOrWhiteSpace(Rid) ? ThisPlatformRid() : Rid;

    /// <summary>The pinned key. The caller disposes it.</summary>
    public ECDsa LoadPublicKey()
    {
        var pem = !string.IsNullOrWhiteSpace(PublicKeyPem) ? PublicKeyPem
            : !string.IsNullOrWhiteSpace(PublicKeyPath) ? File.ReadAllText(PublicKeyPath)
            : throw new InvalidOperationException("Updates:PublicKeyPem or Updates:PublicKeyPath is required when Updates:FeedUrl is set.");
        return ManifestSignature.ImportPublicKey(pem);
    }

    /// <summary>What is wrong with this configuration, or null. Checked at start: a feed without a usable key fails closed.</summary>
    public string? Problem()
    {
        if (!IsEnabled)
        {
            return null;
        }

        if (!Uri.TryCreate(FeedUrl, UriKind.Absolute, out var feed)
            || !(feed.Scheme == Uri.UriSchemeHttps || (feed.Scheme == Uri.UriSchemeHttp && UpdateManifestJson.IsLoopback(feed))))
        {
            return "Updates:FeedUrl must be an https URL (http only on the loopback address).";
        }

        if (string.IsNullOrWhiteSpace(PublicKeyPem) == string.IsNullOrWhiteSpace(PublicKeyPath))
        {
            return "Set exactly one of Updates:PublicKeyPem and Updates:PublicKeyPath when Updates:FeedUrl is set.";
        }

        try
        {
            using var key = LoadPublicKey();
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            return $"The pinned update feed key cannot be used: {ex.Message}";
        }

        if (ChecksMsiSignature && string.IsNullOrWhiteSpace(MsiPublisher))
        {
            return "Updates:VerifyMsiSignature needs Updates:MsiPublisher (the bank's code-signing subject or thumbprint).";
        }

        if (!UpdateManifestJson.IsRid(EffectiveRid))
        {
            return "Updates:Rid must be a runtime identifier such as win-x64, linux-x64 or osx-arm64.";
        }

        return DownloadIdleTimeoutSeconds is >= 1 and <= 3600 && RecheckMinutes is >= 1 and <= 7 * 24 * 60
            ? null
            : "Updates:DownloadIdleTimeoutSeconds must be 1 to 3600 and Updates:RecheckMinutes 1 to 10080.";
    }

    /// <summary>The portable runtime identifier of this PC: win, osx or linux, and the processor.</summary>
    public static string ThisPlatformRid()
    {
        var os = OperatingSystem.IsWindows() ? "win" : OperatingSystem.IsMacOS() ? "osx" : "linux";
        var architecture = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            Architecture.Arm => "arm",
            var other => other.ToString().ToLowerInvariant(),
        };
        return $"{os}-{architecture}";
    }
}

/// <summary>Fails the start with the configuration's first problem in words (fail closed).</summary>
internal sealed class UpdateOptionsValidation : IValidateOptions<UpdateOptions>
{
    public ValidateOptionsResult Validate(string? name, UpdateOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
