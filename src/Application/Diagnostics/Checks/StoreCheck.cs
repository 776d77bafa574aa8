using System.Globalization;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Checks;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Diagnostics.Checks;

/// <summary>
/// The certificate store in use: can it be opened, and how many certificates of the bank's CA does it hold (the
/// manual's FAQ 3.1.2: issued, but the browser shows nothing — another OS user, or a store that cannot be read).
/// </summary>
public sealed class StoreCheck(ICertificateStore store, ITrustAnchors trustAnchors, TimeProvider time, ILogger<StoreCheck> logger)
{
    public DiagnosticCheck Run()
    {
        IReadOnlyList<System.Security.Cryptography.X509Certificates.X509Certificate2> certificates;
        try
        {
            certificates = store.List();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store's own catalog error when it has one (a missing NSS tool), else "cannot be opened".
            var error = (ex as CertPlatformException)?.Error ?? ErrorCatalog.G251e;
            logger.LogWarning("Diagnostics: the certificate store {Store} could not be opened ({ExceptionType}, {Code})", store.Description, ex.GetType().Name, error.Code);
            return DiagnosticCheck.Problem(
                CheckNames.Store,
                CheckStatus.Failed,
                new($"{store.Description} を開けませんでした。", $"{store.Description} could not be opened."),
                error,
                new Dictionary<string, string>(StringComparer.Ordinal) { ["store"] = store.Description, ["failure"] = ex.GetType().Name });
        }

        try
        {
            var ours = trustAnchors.CustomerCertificates(certificates);
            var now = time.GetUtcNow();
            var expired = ours.Count(c => c.NotAfter.ToUniversalTime() < now.UtcDateTime);
            return DiagnosticCheck.Ok(
                CheckNames.Store,
                new($"{store.Description}: 当組合の認証局の電子証明書 {ours.Count} 件(うち有効期限切れ {expired} 件)、全体で {certificates.Count} 件",
                    $"{store.Description}: {ours.Count} certificate(s) of the bank's CA ({expired} expired), {certificates.Count} in all"),
                new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    ["store"] = store.Description,
                    ["bankCertificates"] = ours.Count.ToString(CultureInfo.InvariantCulture),
                    ["expired"] = expired.ToString(CultureInfo.InvariantCulture),
                    ["total"] = certificates.Count.ToString(CultureInfo.InvariantCulture),
                });
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }
}
