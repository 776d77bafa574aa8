using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Updates;

/// <summary>
/// Decides whether a manifest from the feed is to be believed: signed by the pinned key over its exact bytes
/// (nothing is parsed before that), well formed, not expired, and not older than the installed version.
/// </summary>
public sealed class UpdateManifestVerifier(IOptions<UpdateOptions> options, TimeProvider time, ILogger<UpdateManifestVerifier> logger)
{
    public UpdateManifest Verify(SignedManifest signed, SemanticVersion installed)
    {
        ArgumentNullException.ThrowIfNull(signed);
        using (var key = options.Value.LoadPublicKey())
        {
            switch (ManifestSignature.Verify(signed.Manifest, signed.Signature ?? [], key))
            {
                case SignatureCheck.Missing:
                    logger.LogWarning("The update manifest ({Bytes} bytes) has no signature", signed.Manifest.Length);
                    throw new CertPlatformException(ErrorCatalog.G401e);
                case SignatureCheck.Invalid:
                    logger.LogWarning("The update manifest ({Bytes} bytes) does not verify with the pinned feed key", signed.Manifest.Length);
                    throw new CertPlatformException(ErrorCatalog.G402e);
            }
        }

        UpdateManifest manifest;
        try
        {
            manifest = UpdateManifestJson.Parse(signed.Manifest);
        }
        catch (FormatException ex)
        {
            // The reason is the parser's own wording about a field, never manifest content.
            logger.LogWarning("The signed update manifest is not usable: {Reason}", ex.Message);
            throw new CertPlatformException(ErrorCatalog.G403e, innerException: ex);
        }

        var now = time.GetUtcNow();
        if (manifest.IsExpiredAt(now))
        {
            logger.LogWarning("The update manifest for {Version} expired at {ExpiresAt:o} (now {Now:o})", manifest.Version, manifest.ExpiresAt, now);
            throw new CertPlatformException(ErrorCatalog.G404e);
        }

        if (manifest.IsRollbackFrom(installed))
        {
            logger.LogWarning("The update feed offers {Version}, older than the installed {Installed}; refused", manifest.Version, installed);
            throw new CertPlatformException(ErrorCatalog.G405e);
        }

        return manifest;
    }
}
