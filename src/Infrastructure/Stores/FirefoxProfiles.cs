namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// The Firefox profiles of a user whose NSS database (<c>cert9.db</c>, the <c>sql:</c> format) the certificate also goes
/// into: Firefox does not read <c>~/.pki/nssdb</c>, each profile has its own database. Read from <c>profiles.ini</c>
/// in the folders Debian's, the snap's and the Flatpak's Firefox use. A profile still in the old <c>cert8.db</c>
/// format, or one whose folder is gone, is left out.
/// </summary>
public static class FirefoxProfiles
{
    public static IReadOnlyList<string> RootsUnder(string home) =>
    [
        Path.Combine(home, ".mozilla", "firefox"),
        Path.Combine(home, "snap", "firefox", "common", ".mozilla", "firefox"),
        Path.Combine(home, ".var", "app", "org.mozilla.firefox", ".mozilla", "firefox"),
    ];

    /// <summary>The profile folders with an NSS sql database, in the order profiles.ini lists them.</summary>
    public static IReadOnlyList<string> Find(string home)
    {
        var found = new List<string>();
        foreach (var root in RootsUnder(home))
        {
            var ini = Path.Combine(root, "profiles.ini");
            if (!File.Exists(ini))
            {
                continue;
            }

            foreach (var profile in Parse(File.ReadAllLines(ini), root))
            {
                if (File.Exists(Path.Combine(profile, "cert9.db")) && !found.Contains(profile, StringComparer.Ordinal))
                {
                    found.Add(profile);
                }
            }
        }

        return found;
    }

    /// <summary>The profile folders a profiles.ini names: <c>[Profile…]</c> sections' <c>Path</c>, relative to the root unless <c>IsRelative=0</c>.</summary>
    internal static IEnumerable<string> Parse(IEnumerable<string> lines, string root)
    {
        string? path = null;
        var relative = true;
        var inProfile = false;
        foreach (var raw in lines.Append("[end]"))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                if (inProfile && !string.IsNullOrWhiteSpace(path))
                {
                    var full = Path.GetFullPath(relative ? Path.Combine(root, path) : path);
                    // A relative path that climbs out of the Firefox folder is not a profile of this Firefox.
                    if (!relative || full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        yield return full;
                    }
                }

                inProfile = line.StartsWith("[Profile", StringComparison.OrdinalIgnoreCase);
                path = null;
                relative = true;
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (!inProfile || equals <= 0)
            {
                continue;
            }

            var key = line[..equals].Trim();
            var value = line[(equals + 1)..].Trim();
            if (key.Equals("Path", StringComparison.OrdinalIgnoreCase))
            {
                path = value;
            }
            else if (key.Equals("IsRelative", StringComparison.OrdinalIgnoreCase))
            {
                relative = value != "0";
            }
        }
    }
}
