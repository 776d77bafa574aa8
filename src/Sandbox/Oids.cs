namespace CertPlatform.Sandbox;

/// <summary>The object identifiers the sandbox CA and the sandbox bank write and check.</summary>
internal static class Oids
{
    /// <summary>rsaEncryption (RFC 8017): the algorithm of an RSA public key.</summary>
    public const string RsaKey = "1.2.840.113549.1.1.1";

    /// <summary>id-ecPublicKey (RFC 5480): the algorithm of an elliptic-curve public key.</summary>
    public const string EcKey = "1.2.840.10045.2.1";

    /// <summary>secp256r1 / P-256 (RFC 5480).</summary>
    public const string P256 = "1.2.840.10045.3.1.7";

    /// <summary>id-kp-clientAuth (RFC 5280 4.2.1.12): TLS client authentication.</summary>
    public const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";
}
