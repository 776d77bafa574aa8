using CertPlatform.Infrastructure.Network;
using CertPlatform.Infrastructure.Trust;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Est;

/// <summary>Configuration section <c>Ca</c>: the bank's CA, reached over EST (RFC 7030), and its trust anchors.</summary>
public sealed class EstOptions
{
    public const string Section = "Ca";

    private const string WellKnownEst = ".well-known/est/";

    /// <summary>The EST server: <c>https://ca.bank.example</c> (with or without <c>/.well-known/est</c>).</summary>
    public string? EstBaseUrl { get; set; }

    /// <summary>The CA label of RFC 7030 3.2.2 (<c>/.well-known/est/{label}/…</c>) when the server hosts several CAs.</summary>
    public string? Label { get; set; }

    /// <summary>
    /// PEM bundle of the bank's CA certificates: self-signed roots that issued certificates must chain to, and the
    /// issuing CAs whose certificates the list shows.
    /// </summary>
    public string? TrustAnchorPath { get; set; }

    /// <summary>How long a pending enrollment (202 + Retry-After) is waited for before the user is told to come back (G008e).</summary>
    public int MaxPendingWaitSeconds { get; set; } = 60;

    /// <summary>The directory the operations live in: <c>{base}/.well-known/est/[{label}/]</c>.</summary>
    public Uri EstRoot
    {
        get
        {
            if (!PeerAddress.TryParse(EstBaseUrl, out var server))
            {
                throw new InvalidOperationException("Ca:EstBaseUrl is not a valid address.");
            }

            var root = server.AbsolutePath.EndsWith("/" + WellKnownEst, StringComparison.Ordinal) ? server : new Uri(server, WellKnownEst);
            return string.IsNullOrEmpty(Label) ? root : new Uri(root, Label + "/");
        }
    }

    /// <summary>RFC 7030 leaves the label's form open; a path segment of unreserved characters is all a URL needs.</summary>
    public static bool IsValidLabel(string? label) =>
        string.IsNullOrEmpty(label) || (label.Length <= 64 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            && label is not "." and not ".." && !IsOperationName(label));

    private static bool IsOperationName(string label) =>
        label is "cacerts" or "simpleenroll" or "simplereenroll" or "fullcmc" or "serverkeygen" or "csrattrs";
}

/// <summary>Fails the start in Remote mode when the CA settings are missing or wrong: nothing is guessed.</summary>
public sealed class EstOptionsValidator : IValidateOptions<EstOptions>
{
    public ValidateOptionsResult Validate(string? name, EstOptions options)
    {
        var failures = new List<string>();
        if (!PeerAddress.TryParse(options.EstBaseUrl, out _))
        {
            failures.Add("Ca:EstBaseUrl must be an https:// address (http:// only to this machine), without credentials, query or fragment.");
        }

        if (!EstOptions.IsValidLabel(options.Label))
        {
            failures.Add("Ca:Label must be one path segment of letters, digits, '-', '_', '.' or '~' (at most 64), and not an EST operation name.");
        }

        if (options.MaxPendingWaitSeconds is < 0 or > 600)
        {
            failures.Add("Ca:MaxPendingWaitSeconds must be between 0 and 600.");
        }

        failures.AddRange(TrustAnchorFailures("Ca:TrustAnchorPath", options.TrustAnchorPath, required: true));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A readable PEM bundle with at least one self-signed root.</summary>
    internal static IEnumerable<string> TrustAnchorFailures(string key, string? path, bool required)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return required ? [$"{key} must name a PEM file with the bank's CA certificates."] : [];
        }

        try
        {
            var bundle = PemBundle.Load(path);
            return bundle.Any(PemBundle.IsSelfSigned) ? [] : [$"{key} ({path}) holds no self-signed root certificate."];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return [$"{key} ({path}) cannot be used: {ex.Message}"];
        }
    }
}
