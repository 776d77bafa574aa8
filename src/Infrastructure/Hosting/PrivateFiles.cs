namespace CertPlatform.Infrastructure.Hosting;

/// <summary>Files only the current OS user may read: the sandbox CA key, the API token.</summary>
public static class PrivateFiles
{
    public static void CreateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The names <see cref="WriteAtomically"/> gives its temporary files: <c>.name.guid.tmp</c>.</summary>
    public const string TemporaryPattern = ".*.tmp";

    /// <summary>
    /// Writes through a temporary file, a flush to the disk and a rename, so a crash or a full disk leaves the old
    /// content or the new one, never half a file. A failed write removes its temporary file; one a crash left is
    /// removed by <see cref="SweepTemporaryFiles"/> at the next start.
    /// </summary>
    public static void WriteAtomically(string path, ReadOnlySpan<byte> content)
    {
        var directory = Path.GetDirectoryName(path)!;
        CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Removes the temporary files of <see cref="WriteAtomically"/> older than <paramref name="olderThan"/> in a folder.</summary>
    public static int SweepTemporaryFiles(string directory, TimeSpan olderThan)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var removed = 0;
        var cutoff = DateTime.UtcNow - olderThan;
        foreach (var file in new DirectoryInfo(directory).EnumerateFiles(TemporaryPattern))
        {
            if (file.LastWriteTimeUtc < cutoff)
            {
                file.Delete();
                removed++;
            }
        }

        return removed;
    }
}
