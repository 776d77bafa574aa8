using System.Diagnostics;

namespace CertPlatform.TestSupport;

/// <summary>
/// A small tmpfs the test mounts (root only, as in CI) to make a full disk or a read-only folder for real; unmounted
/// and removed on dispose.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static TmpfsMount Create(int kilobytes, bool readOnly = false)
    {
        var path = Directory.CreateTempSubdirectory("certplatform-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k,mode=0700{(readOnly ? ",ro" : string.Empty)}", "tmpfs", path);
        return new TmpfsMount(path);
    }

    /// <summary>Fills what is left of the tmpfs, so the next write fails with ENOSPC.</summary>
    public void Fill()
    {
        using var filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var block = new byte[64 * 1024];
        try
        {
            while (true)
            {
                filler.Write(block);
                filler.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // Full.
        }

        // Smaller writes fill the last partial block too.
        try
        {
            while (true)
            {
                filler.Write(block, 0, 512);
                filler.Flush(flushToDisk: true);
            }
        }
        catch (IOException)
        {
            // Full to the byte.
        }
    }

    /// <summary>Makes room again.</summary>
    public void Free() => File.Delete(System.IO.Path.Combine(Path, "filler"));

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path);
    }

    private static void Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {error}");
        }
    }
}

/// <summary>A test that mounts a filesystem (a full disk, a read-only folder): needs root, as CI has; skipped elsewhere.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess)
        {
            Skip = "needs root on Linux to mount a small tmpfs (CI runs as root)";
        }
        else if (!File.Exists("/bin/mount") && !File.Exists("/usr/bin/mount"))
        {
            Skip = "mount is not installed";
        }
    }
}
