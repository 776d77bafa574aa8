using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CertPlatform.Sandbox;

/// <summary>
/// The sandbox CA's certificate revocation list: every revoked certificate of the <see cref="SandboxRegistry"/>,
/// signed by the sandbox root. Built again when the registry changes, and well before its nextUpdate, so a
/// revocation shows on the next fetch. Served by the helper in Embedded mode (<see cref="HelperPath"/>) and by the
/// HTTPS sandbox (<see cref="HttpsPath"/>); issued certificates name both in their CRL Distribution Points.
/// </summary>
public sealed class SandboxCrl(SandboxCaKeys keys, SandboxRegistry registry, TimeProvider time)
{
    public const string FileName = "sandbox-ca.crl";
    public const string HelperPath = "/sandbox/crl/" + FileName;
    public const string HttpsPath = "/crl/" + FileName;
    public const string ContentType = "application/pkix-crl";

    /// <summary>How long a list is promised to be current (its nextUpdate); it is rebuilt at half of that.</summary>
    public static readonly TimeSpan Validity = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private (byte[] Der, long Revision, DateTimeOffset ThisUpdate)? _current;
    private BigInteger _lastNumber;

    /// <summary>The DER-encoded list as of now.</summary>
    public byte[] Current()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            var revision = registry.Revision;
            if (_current is { } current && current.Revision == revision && now >= current.ThisUpdate && now < current.ThisUpdate + (Validity / 2))
            {
                return current.Der;
            }

            var thisUpdate = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            var der = Build(thisUpdate);
            _current = (der, revision, thisUpdate);
            return der;
        }
    }

    /// <summary>Whether the sandbox CA has revoked a certificate (the registry, which this list is made from).</summary>
    public bool IsRevoked(string thumbprint) => registry.IsRevoked(thumbprint);

    private byte[] Build(DateTimeOffset thisUpdate)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var record in registry.All.Where(r => r.RevokedAt is not null).OrderBy(r => r.RevokedAt))
        {
            builder.AddEntry(Convert.FromHexString(EvenLength(record.SerialNumber)), record.RevokedAt);
        }

        // CRL numbers only go up (RFC 5280 5.2.3): the time in seconds, or one more than the last when the clock stood still.
        var number = BigInteger.Max(thisUpdate.ToUnixTimeSeconds(), _lastNumber + 1);
        _lastNumber = number;
        var root = keys.Root;
        RSASignaturePadding? padding;
        using (var rsa = root.GetRSAPublicKey())
        {
            padding = rsa is null ? null : RSASignaturePadding.Pkcs1;
        }

        return builder.Build(root, number, thisUpdate + Validity, HashAlgorithmName.SHA256, padding, thisUpdate);
    }

    private static string EvenLength(string hex) => hex.Length % 2 == 0 ? hex : "0" + hex;
}

/// <summary>
/// Where the sandbox CRL can be fetched, for the CRL Distribution Points of the certificates the sandbox CA issues:
/// the HTTPS sandbox while it runs (what a helper in Remote mode reaches), then the helper itself.
/// </summary>
public sealed class SandboxCrlDistribution(int helperPort)
{
    private volatile Uri? _https;

    /// <summary>Set by the HTTPS sandbox while it listens.</summary>
    public Uri? HttpsBaseAddress
    {
        get => _https;
        set => _https = value;
    }

    public IReadOnlyList<string> Uris
    {
        get
        {
            var helper = $"http://127.0.0.1:{helperPort}{SandboxCrl.HelperPath}";
            return _https is { } https ? [new Uri(https, SandboxCrl.HttpsPath.TrimStart('/')).AbsoluteUri, helper] : [helper];
        }
    }

    public X509Extension Extension() => CertificateRevocationListBuilder.BuildCrlDistributionPointExtension(Uris);
}
