using System.Collections.Frozen;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Infrastructure.Center;

/// <summary>
/// The catalog codes a center may answer with: its own verdicts on the user, the token, the renewal and the
/// certificate. Anything else (an unknown code, an installer or localhost-API code) is not taken at its word.
/// </summary>
public static class CenterProblemCodes
{
    private static readonly FrozenDictionary<string, CatalogError> Allowed = new[]
    {
        ErrorCatalog.G005e, ErrorCatalog.G006e, ErrorCatalog.G008e, ErrorCatalog.G014e,
        ErrorCatalog.G101e, ErrorCatalog.G102e, ErrorCatalog.G103e, ErrorCatalog.G104e, ErrorCatalog.G105e,
        ErrorCatalog.G106e, ErrorCatalog.G107e, ErrorCatalog.G108e, ErrorCatalog.G109e,
        ErrorCatalog.G201e, ErrorCatalog.G202e, ErrorCatalog.G203e, ErrorCatalog.G205e, ErrorCatalog.G208e, ErrorCatalog.G211e, ErrorCatalog.G253e,
        ErrorCatalog.BZBE001011, ErrorCatalog.BZBE011008,
    }.ToFrozenDictionary(e => e.Code, StringComparer.Ordinal);

    public static IEnumerable<CatalogError> All => Allowed.Values;

    public static CatalogError? Find(string? code) => code is not null && Allowed.TryGetValue(code, out var error) ? error : null;
}
