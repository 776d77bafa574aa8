using System.Text.RegularExpressions;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// The redaction check for log text leaving the PC (the support bundle). ApplicationLog.log is written through
/// <see cref="SecretRedaction"/> and holds no secret; this is the second net, on the text itself: a value after a
/// name that says it is a secret (<c>password=…</c>, <c>"otp": "…"</c>), HTTP Basic and Bearer credentials, PEM
/// private keys, and the secrets the helper knows by value (the API token, the proxy password) become <c>***</c>.
/// </summary>
public sealed partial class LogTextRedaction
{
    private const string Mask = "***";

    public string Redact(string text, IEnumerable<string?> knownSecrets)
    {
        var redacted = PrivateKeyBlock().Replace(text, "-----PRIVATE KEY REMOVED-----");
        redacted = Credentials().Replace(redacted, m => $"{m.Groups["scheme"].Value} {Mask}");
        redacted = NamedSecret().Replace(redacted, m =>
            SecretRedaction.IsSecretName(m.Groups["name"].Value) ? $"{m.Groups["name"].Value}{m.Groups["separator"].Value}{Mask}" : m.Value);
        foreach (var secret in knownSecrets.Where(s => s is { Length: >= 4 }).Distinct(StringComparer.Ordinal).OrderByDescending(s => s!.Length))
        {
            redacted = redacted.Replace(secret!, Mask, StringComparison.Ordinal);
        }

        return redacted;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)")]
    private static partial Regex PrivateKeyBlock();

    [GeneratedRegex(@"\b(?<scheme>Basic|Bearer)\s+[A-Za-z0-9._~+/=-]{6,}", RegexOptions.IgnoreCase)]
    private static partial Regex Credentials();

    // name, then = or : (JSON's quotes around either side allowed, escaped too: JSON inside a logged string), then the value.
    [GeneratedRegex(@"(?<name>[A-Za-z_][A-Za-z0-9_\-]*)(?<separator>\\?""?\s*[:=]\s*\\?""?)(?<value>[^\s"",;&}\]\\]+)")]
    private static partial Regex NamedSecret();
}
