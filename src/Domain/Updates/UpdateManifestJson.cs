using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using CertPlatform.Domain.Errors;

namespace CertPlatform.Domain.Updates;

/// <summary>
/// The manifest's JSON form, read strictly (every field required except the minimum version; unknown fields
/// ignored so a newer feed can add some). The signature covers these exact bytes, so the writer's output is
/// what gets signed and nothing ever re-serialises a manifest before checking it.
/// </summary>
public static class UpdateManifestJson
{
    /// <summary>Larger than any honest manifest; a feed that sends more is not read.</summary>
    public const int MaxBytes = 64 * 1024;

    private const int MaxPackages = 32;
    private const int MaxNotesLength = 4000;

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 8, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Reads a manifest. Throws <see cref="FormatException"/> saying which field is wrong.</summary>
    public static UpdateManifest Parse(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.Length is 0 or > MaxBytes)
        {
            throw new FormatException("The manifest is empty or too large.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), ReadOptions);
        }
        catch (JsonException)
        {
            throw new FormatException("The manifest is not JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The manifest is not a JSON object.");
            }

            var version = ReadVersion(root, "version");
            var releaseDate = ReadInstant(root, "releaseDate");
            var expiresAt = ReadInstant(root, "expiresAt");
            if (expiresAt <= releaseDate)
            {
                throw new FormatException("expiresAt is not after releaseDate.");
            }

            SemanticVersion? minimum = null;
            if (root.TryGetProperty("minimumSupportedVersion", out var minimumElement) && minimumElement.ValueKind != JsonValueKind.Null)
            {
                minimum = ReadVersion(root, "minimumSupportedVersion");
                if (minimum > version)
                {
                    throw new FormatException("minimumSupportedVersion is above version.");
                }
            }

            var packages = ReadPackages(Required(root, "packages", JsonValueKind.Object));
            var notes = Required(root, "notes", JsonValueKind.Object);
            var text = new LocalizedText(ReadString(notes, "ja", MaxNotesLength), ReadString(notes, "en", MaxNotesLength));
            return new UpdateManifest(version, releaseDate, expiresAt, minimum, packages, text);
        }
    }

    /// <summary>The manifest as indented UTF-8 JSON, the bytes the release tool signs.</summary>
    public static byte[] Write(UpdateManifest manifest)
    {
        using var buffer = new MemoryStream();
        // Japanese notes stay readable in the file; the manifest is data, never embedded in a page.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("version", manifest.Version.ToString());
            writer.WriteString("releaseDate", Format(manifest.ReleaseDate));
            writer.WriteString("expiresAt", Format(manifest.ExpiresAt));
            if (manifest.MinimumSupportedVersion is { } minimum)
            {
                writer.WriteString("minimumSupportedVersion", minimum.ToString());
            }

            writer.WriteStartObject("packages");
            foreach (var (rid, package) in manifest.Packages.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject(rid);
                writer.WriteString("url", package.Url.OriginalString);
                writer.WriteNumber("size", package.Size);
                writer.WriteString("sha256", package.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("notes");
            writer.WriteString("ja", manifest.Notes.Ja);
            writer.WriteString("en", manifest.Notes.En);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>A runtime identifier as .NET spells the portable ones: lowercase letters, digits and dashes.</summary>
    public static bool IsRid(string? rid) =>
        rid is { Length: > 0 and <= 32 } && rid.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>
    /// Where a package may come from: a path relative to the manifest, an https address, or plain http on the
    /// loopback address only (the sandbox and tests). The hash makes http safe for integrity, but not for privacy.
    /// </summary>
    public static bool IsAllowedPackageUrl(Uri url) =>
        !url.IsAbsoluteUri
        || url.Scheme == Uri.UriSchemeHttps
        || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url));

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static Dictionary<string, UpdatePackage> ReadPackages(JsonElement element)
    {
        var packages = new Dictionary<string, UpdatePackage>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!IsRid(property.Name))
            {
                throw new FormatException("A package's platform is not a runtime identifier.");
            }

            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"The package for {property.Name} is not an object.");
            }

            var urlText = ReadString(property.Value, "url", 2048);
            if (!Uri.TryCreate(urlText, UriKind.RelativeOrAbsolute, out var url) || !IsAllowedPackageUrl(url))
            {
                throw new FormatException($"The package URL for {property.Name} is not https or relative.");
            }

            if (!property.Value.TryGetProperty("size", out var sizeElement) || sizeElement.ValueKind != JsonValueKind.Number
                || !sizeElement.TryGetInt64(out var size) || size <= 0)
            {
                throw new FormatException($"The package size for {property.Name} is missing or not positive.");
            }

            var sha256 = ReadString(property.Value, "sha256", 64);
            if (sha256.Length != 64 || !sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
            {
                throw new FormatException($"The package SHA-256 for {property.Name} is not 64 lowercase hex digits.");
            }

            if (!packages.TryAdd(property.Name, new UpdatePackage(url, size, sha256)) || packages.Count > MaxPackages)
            {
                throw new FormatException("The packages are repeated or too many.");
            }
        }

        return packages;
    }

    private static SemanticVersion ReadVersion(JsonElement parent, string name) =>
        SemanticVersion.TryParse(ReadString(parent, name, 256), out var version)
            ? version
            : throw new FormatException($"{name} is not a semantic version.");

    private static DateTimeOffset ReadInstant(JsonElement parent, string name)
    {
        var text = ReadString(parent, name, 64);
        // An instant with an explicit offset; a local time would mean different things on different PCs.
        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            && (text.EndsWith('Z') || (text.Length > 6 && text[^6] is '+' or '-'))
            ? instant.ToUniversalTime()
            : throw new FormatException($"{name} is not an ISO 8601 instant with an offset.");
    }

    private static string ReadString(JsonElement parent, string name, int maxLength)
    {
        var element = Required(parent, name, JsonValueKind.String);
        var value = element.GetString()!;
        return value.Length <= maxLength ? value : throw new FormatException($"{name} is too long.");
    }

    private static JsonElement Required(JsonElement parent, string name, JsonValueKind kind) =>
        parent.TryGetProperty(name, out var element) && element.ValueKind == kind
            ? element
            : throw new FormatException($"{name} is missing or of the wrong type.");

    private static string Format(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
