using System.Text;
using System.Text.Json.Nodes;
using CertPlatform.Domain.Updates;
using static CertPlatform.Domain.Tests.Updates.ManifestSamples;

namespace CertPlatform.Domain.Tests.Updates;

public class UpdateManifestJsonTests
{
    [Fact]
    public void A_written_manifest_reads_back_the_same()
    {
        var manifest = Manifest("1.2.0-rc.1", minimum: "1.0.0");

        var read = UpdateManifestJson.Parse(UpdateManifestJson.Write(manifest));

        Assert.Equal(manifest.Version, read.Version);
        Assert.Equal(manifest.ReleaseDate, read.ReleaseDate);
        Assert.Equal(manifest.ExpiresAt, read.ExpiresAt);
        Assert.Equal(manifest.MinimumSupportedVersion, read.MinimumSupportedVersion);
        Assert.Equal(manifest.Notes, read.Notes);
        Assert.Equal(manifest.Packages["linux-x64"], read.Packages["linux-x64"]);
        Assert.Equal(manifest.Packages["win-x64"], read.Packages["win-x64"]);
    }

    [Fact]
    public void Japanese_notes_are_written_as_text_not_escapes()
    {
        var json = Encoding.UTF8.GetString(UpdateManifestJson.Write(Manifest()));

        Assert.Contains("不具合を修正しました。", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Fields_a_newer_feed_adds_are_ignored()
    {
        var read = UpdateManifestJson.Parse(Mutated(m => m["channel"] = "stable"));

        Assert.Equal("1.2.0", read.Version.ToString());
    }

    [Fact]
    public void The_minimum_supported_version_is_optional()
    {
        var read = UpdateManifestJson.Parse(Mutated(m => m.Remove("minimumSupportedVersion")));

        Assert.Null(read.MinimumSupportedVersion);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8080/p.zip")]
    [InlineData("http://localhost/p.zip")]
    [InlineData("https://updates.bank.example/p.zip")]
    [InlineData("p.zip")]
    [InlineData("packages/p.zip")]
    public void Package_urls_may_be_https_relative_or_loopback_http(string url)
    {
        var read = UpdateManifestJson.Parse(Mutated(m => m["packages"]!["linux-x64"]!["url"] = url));

        Assert.Equal(url, read.Packages["linux-x64"].Url.OriginalString);
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "no version", """{"releaseDate":"2025-04-01T00:00:00Z"}""" },
        { "not an object", "[1,2,3]" },
        { "not JSON", "version: 1.2.0" },
        { "empty", "" },
        { "comments", "/* x */ {}" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Text_that_is_not_a_manifest_is_refused(string reason, string json)
    {
        Assert.NotNull(reason);
        Assert.Throws<FormatException>(() => UpdateManifestJson.Parse(Encoding.UTF8.GetBytes(json)));
    }

    public static TheoryData<string, Action<JsonObject>> BadFields() => new()
    {
        { "version missing", m => m.Remove("version") },
        { "version not semver", m => m["version"] = "1.2" },
        { "version a number", m => m["version"] = 1.2 },
        { "releaseDate missing", m => m.Remove("releaseDate") },
        { "expiresAt missing", m => m.Remove("expiresAt") },
        { "expiresAt without an offset", m => m["expiresAt"] = "2025-05-01T00:00:00" },
        { "expiresAt a date only", m => m["expiresAt"] = "2025-05-01" },
        { "expiresAt before releaseDate", m => m["expiresAt"] = "2025-03-01T00:00:00Z" },
        { "minimum above version", m => m["minimumSupportedVersion"] = "2.0.0" },
        { "packages missing", m => m.Remove("packages") },
        { "package not an object", m => m["packages"]!["linux-x64"] = "x" },
        { "rid in capitals", m => Rename(m, "Linux-X64") },
        { "rid a path", m => Rename(m, "../linux") },
        { "sha256 in capitals", m => m["packages"]!["linux-x64"]!["sha256"] = new string('A', 64) },
        { "sha256 too short", m => m["packages"]!["linux-x64"]!["sha256"] = new string('a', 63) },
        { "size zero", m => m["packages"]!["linux-x64"]!["size"] = 0 },
        { "size negative", m => m["packages"]!["linux-x64"]!["size"] = -1 },
        { "size a string", m => m["packages"]!["linux-x64"]!["size"] = "1234" },
        { "url plain http", m => m["packages"]!["linux-x64"]!["url"] = "http://updates.bank.example/p.zip" },
        { "url ftp", m => m["packages"]!["linux-x64"]!["url"] = "ftp://updates.bank.example/p.zip" },
        { "url a file path", m => m["packages"]!["linux-x64"]!["url"] = "file:///etc/passwd" },
        { "notes missing", m => m.Remove("notes") },
        { "English notes missing", m => m["notes"]!.AsObject().Remove("en") },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public void A_manifest_with_a_bad_field_is_refused(string reason, Action<JsonObject> mutate)
    {
        Assert.NotNull(reason);
        Assert.Throws<FormatException>(() => UpdateManifestJson.Parse(Mutated(mutate)));
    }

    [Fact]
    public void A_manifest_larger_than_the_limit_is_refused()
    {
        var padded = Mutated(m => m["padding"] = new string('x', UpdateManifestJson.MaxBytes));

        Assert.Throws<FormatException>(() => UpdateManifestJson.Parse(padded));
    }

    private static byte[] Mutated(Action<JsonObject> mutate)
    {
        var node = JsonNode.Parse(UpdateManifestJson.Write(Manifest("1.2.0", minimum: "1.0.0")))!.AsObject();
        mutate(node);
        return Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static void Rename(JsonObject manifest, string rid)
    {
        var packages = manifest["packages"]!.AsObject();
        var package = packages["linux-x64"]!;
        packages.Remove("linux-x64");
        packages[rid] = package;
    }
}
