using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace CertPlatform.Infrastructure.Crypto;

/// <summary>
/// Builds a public key in OpenSSL 3 from its numbers (<c>EVP_PKEY_fromdata</c>) rather than from DER.
/// </summary>
/// <remarks>
/// On OpenSSL 3.0, .NET imports every public key through OpenSSL's DER decoder framework, which costs about
/// 90 µs per key on the bench machine: six times the RSA-2048 verification it is imported for. Building the key
/// from its modulus and exponent (or curve and point) costs about 4 µs. The sandbox CA imports one key per request,
/// so this is a fifth of its work per certificate. The key handle comes from the same libcrypto .NET loaded
/// (found in <c>/proc/self/maps</c>) and is handed to <see cref="RSAOpenSsl"/>/<see cref="ECDsaOpenSsl"/>, so the
/// verification itself is .NET's. Anything unexpected (another OpenSSL, a missing export, a key the self-check does
/// not round-trip) turns the fast path off and callers use .NET's import.
/// </remarks>
[SupportedOSPlatform("linux")]
internal static unsafe class OpenSslKeyImport
{
    // EVP_PKEY_PUBLIC_KEY = OSSL_KEYMGMT_SELECT_ALL_PARAMETERS | OSSL_KEYMGMT_SELECT_PUBLIC_KEY.
    private const int SelectPublicKey = 0x04 | 0x80 | 0x02;

    private static readonly Lazy<Functions?> Library = new(Load);

    /// <summary>Whether keys are built through <c>EVP_PKEY_fromdata</c> in this process.</summary>
    public static bool IsAvailable => Library.Value is not null;

    /// <summary>An RSA public key from its big-endian unsigned modulus and exponent; null when the fast path is off or OpenSSL refuses the numbers.</summary>
    public static RSA? TryCreateRsa(ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> exponent) =>
        Library.Value is { } f ? CreateRsa(f, modulus, exponent) : null;

    /// <summary>A P-256 public key from its uncompressed point; null when the fast path is off or the point is not on the curve.</summary>
    public static ECDsa? TryCreateP256(ReadOnlySpan<byte> point) =>
        Library.Value is { } f ? CreateP256(f, point) : null;

    private static RSA? CreateRsa(Functions f, ReadOnlySpan<byte> modulus, ReadOnlySpan<byte> exponent)
    {
        nint builder = 0, n = 0, e = 0, parameters = 0;
        try
        {
            builder = f.ParamBuilderNew();
            fixed (byte* pn = modulus, pe = exponent, nameN = "n\0"u8, nameE = "e\0"u8)
            {
                n = f.BigNumFromBinary(pn, modulus.Length, 0);
                e = f.BigNumFromBinary(pe, exponent.Length, 0);
                if (builder == 0 || n == 0 || e == 0 || f.ParamBuilderPushBigNum(builder, nameN, n) != 1 || f.ParamBuilderPushBigNum(builder, nameE, e) != 1)
                {
                    return null;
                }

                // The builder holds references, not copies, until it makes the parameters: still pinned here.
                parameters = f.ParamBuilderToParam(builder);
            }

            fixed (byte* rsaName = "RSA\0"u8)
            {
                return FromData(f, rsaName, parameters) is { } handle ? Wrap(handle, h => new RSAOpenSsl(h)) : null;
            }
        }
        finally
        {
            f.ParamFree(parameters);
            f.BigNumFree(n);
            f.BigNumFree(e);
            f.ParamBuilderFree(builder);
        }
    }

    private static ECDsa? CreateP256(Functions f, ReadOnlySpan<byte> point)
    {
        nint builder = 0, parameters = 0;
        try
        {
            builder = f.ParamBuilderNew();
            fixed (byte* pp = point, group = "group\0"u8, curve = "prime256v1\0"u8, pub = "pub\0"u8)
            {
                if (builder == 0 || f.ParamBuilderPushUtf8(builder, group, curve, 0) != 1 || f.ParamBuilderPushOctets(builder, pub, pp, (nuint)point.Length) != 1)
                {
                    return null;
                }

                // The builder holds references to the point and the names, not copies, until it makes the parameters.
                parameters = f.ParamBuilderToParam(builder);
            }

            fixed (byte* ecName = "EC\0"u8)
            {
                return FromData(f, ecName, parameters) is { } handle ? Wrap(handle, h => new ECDsaOpenSsl(h)) : null;
            }
        }
        finally
        {
            f.ParamFree(parameters);
            f.ParamBuilderFree(builder);
        }
    }

    private static SafeEvpPKeyHandle? FromData(Functions f, byte* algorithm, nint parameters)
    {
        if (parameters == 0)
        {
            return null;
        }

        var context = f.KeyContextNewFromName(0, algorithm, null);
        try
        {
            nint key = 0;
            if (context == 0 || f.FromDataInit(context) != 1 || f.FromData(context, &key, SelectPublicKey, parameters) != 1 || key == 0)
            {
                // Leave nothing on OpenSSL's error queue for .NET's next call to find.
                f.ClearErrors();
                return null;
            }

            return new SafeEvpPKeyHandle(key, ownsHandle: true);
        }
        finally
        {
            f.KeyContextFree(context);
        }
    }

    private static T Wrap<T>(SafeEvpPKeyHandle handle, Func<SafeEvpPKeyHandle, T> create)
    {
        // The .NET key takes its own reference to the EVP_PKEY.
        using (handle)
        {
            return create(handle);
        }
    }

    private static Functions? Load()
    {
        try
        {
            if (SafeEvpPKeyHandle.OpenSslVersion < 0x3000_0000L || LoadedLibcrypto() is not { } path || !NativeLibrary.TryLoad(path, out var library))
            {
                return null;
            }

            var functions = new Functions(library);
            return RoundTrips(functions) ? functions : null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or IOException or UnauthorizedAccessException or CryptographicException or PlatformNotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The one libcrypto mapped into this process (the one .NET's OpenSSL shim loaded), or null when it is not exactly one.</summary>
    private static string? LoadedLibcrypto()
    {
        var paths = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(fields => fields.Length == 6 && Path.GetFileName(fields[5]).StartsWith("libcrypto.so", StringComparison.Ordinal))
            .Select(fields => fields[5])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return paths.Count == 1 ? paths[0] : null;
    }

    /// <summary>Keys built here must be the keys .NET would have imported: checked once, for both key types.</summary>
    private static bool RoundTrips(Functions f)
    {
        using var rsa = RSA.Create(2048);
        var rsaNumbers = rsa.ExportParameters(false);
        using var rsaCopy = CreateRsa(f, rsaNumbers.Modulus, rsaNumbers.Exponent);
        var data = "CertPlatform"u8.ToArray();
        var rsaSignature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ecNumbers = ecdsa.ExportParameters(false);
        byte[] point = [0x04, .. ecNumbers.Q.X!, .. ecNumbers.Q.Y!];
        using var ecdsaCopy = CreateP256(f, point);
        var ecdsaSignature = ecdsa.SignData(data, HashAlgorithmName.SHA256);

        return rsaCopy is not null && ecdsaCopy is not null
            && rsaCopy.ExportParameters(false).Modulus.AsSpan().SequenceEqual(rsaNumbers.Modulus)
            && rsaCopy.VerifyData(data, rsaSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            && ecdsaCopy.ExportParameters(false).Q.X.AsSpan().SequenceEqual(ecNumbers.Q.X)
            && ecdsaCopy.VerifyData(data, ecdsaSignature, HashAlgorithmName.SHA256);
    }

    /// <summary>The libcrypto entry points, resolved once.</summary>
    private sealed class Functions(nint library)
    {
        public readonly delegate* unmanaged<nint> ParamBuilderNew = (delegate* unmanaged<nint>)NativeLibrary.GetExport(library, "OSSL_PARAM_BLD_new");
        public readonly delegate* unmanaged<nint, void> ParamBuilderFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "OSSL_PARAM_BLD_free");
        public readonly delegate* unmanaged<nint, byte*, nint, int> ParamBuilderPushBigNum = (delegate* unmanaged<nint, byte*, nint, int>)NativeLibrary.GetExport(library, "OSSL_PARAM_BLD_push_BN");
        public readonly delegate* unmanaged<nint, byte*, byte*, nuint, int> ParamBuilderPushUtf8 = (delegate* unmanaged<nint, byte*, byte*, nuint, int>)NativeLibrary.GetExport(library, "OSSL_PARAM_BLD_push_utf8_string");
        public readonly delegate* unmanaged<nint, byte*, byte*, nuint, int> ParamBuilderPushOctets = (delegate* unmanaged<nint, byte*, byte*, nuint, int>)NativeLibrary.GetExport(library, "OSSL_PARAM_BLD_push_octet_string");
        public readonly delegate* unmanaged<nint, nint> ParamBuilderToParam = (delegate* unmanaged<nint, nint>)NativeLibrary.GetExport(library, "OSSL_PARAM_BLD_to_param");
        public readonly delegate* unmanaged<nint, void> ParamFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "OSSL_PARAM_free");
        public readonly delegate* unmanaged<byte*, int, nint, nint> BigNumFromBinary = (delegate* unmanaged<byte*, int, nint, nint>)NativeLibrary.GetExport(library, "BN_bin2bn");
        public readonly delegate* unmanaged<nint, void> BigNumFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "BN_free");
        public readonly delegate* unmanaged<nint, byte*, byte*, nint> KeyContextNewFromName = (delegate* unmanaged<nint, byte*, byte*, nint>)NativeLibrary.GetExport(library, "EVP_PKEY_CTX_new_from_name");
        public readonly delegate* unmanaged<nint, void> KeyContextFree = (delegate* unmanaged<nint, void>)NativeLibrary.GetExport(library, "EVP_PKEY_CTX_free");
        public readonly delegate* unmanaged<nint, int> FromDataInit = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(library, "EVP_PKEY_fromdata_init");
        public readonly delegate* unmanaged<nint, nint*, int, nint, int> FromData = (delegate* unmanaged<nint, nint*, int, nint, int>)NativeLibrary.GetExport(library, "EVP_PKEY_fromdata");
        public readonly delegate* unmanaged<void> ClearErrors = (delegate* unmanaged<void>)NativeLibrary.GetExport(library, "ERR_clear_error");
    }
}
