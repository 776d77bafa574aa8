using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;

namespace CertPlatform.Domain.Tests.Updates;

internal static class ManifestSamples
{
    public static readonly DateTimeOffset ReleaseDate = new(2025, 4, 1, 0, 0, 0, TimeSpan.Zero);

    public static UpdateManifest Manifest(string version = "1.2.0", string? minimum = null, int expiresDays = 30) =>
        new(
            SemanticVersion.Parse(version),
            ReleaseDate,
            ReleaseDate.AddDays(expiresDays),
            minimum is null ? null : SemanticVersion.Parse(minimum),
            new Dictionary<string, UpdatePackage>(StringComparer.Ordinal)
            {
                ["linux-x64"] = new(new Uri("https://updates.bank.example/certplatform-1.2.0-linux-x64.zip"), 1234, new string('a', 64)),
                ["win-x64"] = new(new Uri("certplatform-1.2.0-win-x64.msi", UriKind.Relative), 5678, new string('b', 64)),
            },
            new LocalizedText("不具合を修正しました。", "Fixes."));
}
