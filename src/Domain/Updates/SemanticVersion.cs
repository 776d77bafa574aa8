using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CertPlatform.Domain.Updates;

/// <summary>
/// A version as semver.org 2.0.0 defines it: <c>MAJOR.MINOR.PATCH[-prerelease][+build]</c>. Ordering is the
/// spec's precedence (a prerelease sorts before its release, numeric identifiers numerically, build metadata
/// ignored), and so is equality: <c>1.2.0+a</c> and <c>1.2.0+b</c> are the same version.
/// </summary>
public sealed class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    private readonly string[] _prerelease;

    private SemanticVersion(int major, int minor, int patch, string[] prerelease, string? build)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        _prerelease = prerelease;
        Build = build;
    }

    public int Major { get; }

    public int Minor { get; }

    public int Patch { get; }

    /// <summary>The dot-separated prerelease identifiers; empty for a release.</summary>
    public IReadOnlyList<string> Prerelease => _prerelease;

    /// <summary>Build metadata, kept for display and ignored in comparisons.</summary>
    public string? Build { get; }

    public bool IsPrerelease => _prerelease.Length > 0;

    public static SemanticVersion Parse(string? text) =>
        TryParse(text, out var version) ? version : throw new FormatException("The version is not a semantic version (MAJOR.MINOR.PATCH).");

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out SemanticVersion? version)
    {
        version = null;
        if (string.IsNullOrEmpty(text) || text.Length > 256)
        {
            return false;
        }

        string? build = null;
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        if (plus >= 0)
        {
            build = text[(plus + 1)..];
            if (!build.Split('.').All(IsIdentifier))
            {
                return false;
            }

            text = text[..plus];
        }

        var prerelease = Array.Empty<string>();
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            prerelease = text[(dash + 1)..].Split('.');
            if (!prerelease.All(p => IsIdentifier(p) && (!IsNumeric(p) || IsCanonicalNumber(p))))
            {
                return false;
            }

            text = text[..dash];
        }

        var core = text.Split('.');
        if (core.Length != 3
            || !TryParseNumber(core[0], out var major)
            || !TryParseNumber(core[1], out var minor)
            || !TryParseNumber(core[2], out var patch))
        {
            return false;
        }

        version = new SemanticVersion(major, minor, patch, prerelease, build);
        return true;
    }

    public int CompareTo(SemanticVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var core = (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));
        if (core != 0)
        {
            return core;
        }

        // A release has higher precedence than any of its prereleases.
        if (_prerelease.Length == 0 || other._prerelease.Length == 0)
        {
            return other._prerelease.Length.CompareTo(_prerelease.Length);
        }

        for (var i = 0; i < Math.Min(_prerelease.Length, other._prerelease.Length); i++)
        {
            var order = CompareIdentifiers(_prerelease[i], other._prerelease[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return _prerelease.Length.CompareTo(other._prerelease.Length);
    }

    public bool Equals(SemanticVersion? other) => CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is SemanticVersion other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Major);
        hash.Add(Minor);
        hash.Add(Patch);
        foreach (var identifier in _prerelease)
        {
            hash.Add(identifier, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public override string ToString()
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
        if (_prerelease.Length > 0)
        {
            text += "-" + string.Join('.', _prerelease);
        }

        return Build is null ? text : text + "+" + Build;
    }

    public static bool operator ==(SemanticVersion? left, SemanticVersion? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(SemanticVersion? left, SemanticVersion? right) => !(left == right);

    public static bool operator <(SemanticVersion? left, SemanticVersion? right) =>
        left is null ? right is not null : left.CompareTo(right) < 0;

    public static bool operator <=(SemanticVersion? left, SemanticVersion? right) => left is null || left.CompareTo(right) <= 0;

    public static bool operator >(SemanticVersion? left, SemanticVersion? right) => left is not null && left.CompareTo(right) > 0;

    public static bool operator >=(SemanticVersion? left, SemanticVersion? right) =>
        left is null ? right is null : left.CompareTo(right) >= 0;

    public static SemanticVersion Max(SemanticVersion left, SemanticVersion right) => left >= right ? left : right;

    private static int CompareIdentifiers(string left, string right)
    {
        var leftNumeric = IsNumeric(left);
        var rightNumeric = IsNumeric(right);
        return (leftNumeric, rightNumeric) switch
        {
            // Numbers of any length: the longer canonical number is the larger one.
            (true, true) => left.Length != right.Length ? left.Length.CompareTo(right.Length) : string.CompareOrdinal(left, right),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(left, right),
        };
    }

    private static bool TryParseNumber(string text, out int value)
    {
        value = 0;
        return IsNumeric(text) && IsCanonicalNumber(text)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static bool IsIdentifier(string text) =>
        text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static bool IsNumeric(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    private static bool IsCanonicalNumber(string text) => text == "0" || text[0] != '0';
}
