namespace CertPlatform.Domain.Certificates;

/// <summary>The key pairs the helper makes for a certificate request.</summary>
public enum KeyAlgorithm
{
    Rsa2048,
    Rsa3072,
    EcdsaP256,
}

public static class KeyAlgorithmNames
{
    /// <summary>Parses the API's spelling (<c>RSA-2048</c>, <c>rsa2048</c>, <c>ECDSA-P256</c>, <c>P-256</c>…).</summary>
    public static bool TryParse(string? value, out KeyAlgorithm algorithm)
    {
        var normalized = (value ?? string.Empty).Replace("-", string.Empty, StringComparison.Ordinal)
            .Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        (var found, algorithm) = normalized switch
        {
            "RSA2048" or "RSA" => (true, KeyAlgorithm.Rsa2048),
            "RSA3072" => (true, KeyAlgorithm.Rsa3072),
            "ECDSAP256" or "P256" or "EC" or "ECDSA" => (true, KeyAlgorithm.EcdsaP256),
            _ => (false, KeyAlgorithm.Rsa2048),
        };
        return found;
    }

    public static string ToDisplay(this KeyAlgorithm algorithm) => algorithm switch
    {
        KeyAlgorithm.Rsa2048 => "RSA-2048",
        KeyAlgorithm.Rsa3072 => "RSA-3072",
        KeyAlgorithm.EcdsaP256 => "ECDSA-P256",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };
}
