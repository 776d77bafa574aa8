using System.Globalization;

namespace CertPlatform.Launcher;

/// <summary>
/// Which process listens on a TCP port, where the OS tells: on Linux from <c>/proc/net/tcp{,6}</c> (the socket's inode)
/// and the processes' <c>/proc/PID/fd</c> links. Only this user's processes can be seen; elsewhere it says nothing.
/// </summary>
internal static class PortOwner
{
    private const string Listen = "0A";

    /// <summary>" (process 1234, name)" or an empty string.</summary>
    public static string Describe(int port)
    {
        if (!OperatingSystem.IsLinux())
        {
            return string.Empty;
        }

        try
        {
            var inodes = ListeningInodes(port);
            if (inodes.Count == 0)
            {
                return string.Empty;
            }

            foreach (var process in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(process), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || !HoldsAny(process, inodes))
                {
                    continue;
                }

                var name = File.ReadAllText(Path.Combine(process, "comm")).Trim();
                return string.Create(CultureInfo.InvariantCulture, $" (process {pid}, {name})");
            }

            return " (a process of another user or the system)";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    internal static HashSet<string> ListeningInodes(int port)
    {
        var hexPort = port.ToString("X4", CultureInfo.InvariantCulture);
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == Listen && fields[1].EndsWith(":" + hexPort, StringComparison.Ordinal))
                {
                    inodes.Add(fields[9]);
                }
            }
        }

        return inodes;
    }

    private static bool HoldsAny(string process, HashSet<string> inodes)
    {
        try
        {
            foreach (var fd in Directory.EnumerateFiles(Path.Combine(process, "fd")))
            {
                var target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && inodes.Contains(target[8..^1]))
                {
                    return true;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Another user's process: not ours to look into.
        }

        return false;
    }
}
