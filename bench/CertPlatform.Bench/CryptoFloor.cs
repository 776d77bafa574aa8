using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Bench;

/// <summary>
/// The physical floor on this machine, in this run: .NET's own key generation and signing for each key type,
/// and OpenSSL's signing rate, so every figure of the helper has a ratio to what the hardware allows.
/// </summary>
public static partial class CryptoFloor
{
    public sealed record KeyFloor(KeyAlgorithm Algorithm, Stats KeyGeneration, Stats Sign);

    public static KeyFloor Measure(KeyAlgorithm algorithm, int samples)
    {
        var generation = new List<double>();
        var signing = new List<double>();
        var data = RandomNumberGenerator.GetBytes(512);
        for (var i = 0; i < samples; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using AsymmetricAlgorithm key = algorithm switch
            {
                KeyAlgorithm.EcdsaP256 => ECDsa.Create(ECCurve.NamedCurves.nistP256),
                KeyAlgorithm.Rsa3072 => RSA.Create(3072),
                _ => RSA.Create(2048),
            };
            // RSA.Create(bits) defers generation to first use: force it inside the timed region.
            _ = key.ExportSubjectPublicKeyInfo();
            generation.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            _ = key is RSA rsa
                ? rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
                : ((ECDsa)key).SignData(data, HashAlgorithmName.SHA256);
            signing.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new KeyFloor(algorithm, Stats.Of(generation), Stats.Of(signing));
    }

    /// <summary>OpenSSL's sign operations per second for one algorithm (e.g. rsa2048, ecdsap256), or null without openssl.</summary>
    public static double? OpenSslSignsPerSecond(string algorithm, int processes = 1)
    {
        var arguments = processes > 1 ? $"speed -seconds 2 -multi {processes} {algorithm}" : $"speed -seconds 2 {algorithm}";
        try
        {
            using var process = Process.Start(new ProcessStartInfo("openssl", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var line = output.Split('\n').LastOrDefault(l => l.Contains(algorithm.StartsWith("rsa", StringComparison.Ordinal) ? "rsa" : "ecdsa", StringComparison.Ordinal) && l.Contains("bits", StringComparison.Ordinal));
            if (line is null)
            {
                return null;
            }

            // "rsa 2048 bits 0.000198s 0.000006s   5050.2 168000.0": sign/s is the second to last number.
            var numbers = NumberPattern().Matches(line).Select(m => m.Value).ToArray();
            return double.Parse(numbers[^2], CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
