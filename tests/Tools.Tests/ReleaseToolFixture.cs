using System.Diagnostics;
using CertPlatform.ReleaseTool;
using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Tools.Tests;

/// <summary>A working folder with a key pair and a package, and the release tool run in-process.</summary>
public sealed class ReleaseToolFixture : IDisposable
{
    public static readonly DateTimeOffset Now = new(2025, 4, 10, 3, 0, 0, TimeSpan.Zero);

    public ReleaseToolFixture()
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllBytes(PackagePath, [.. Enumerable.Range(0, 5000).Select(i => (byte)i)]);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "certplatform-release-" + Guid.NewGuid().ToString("N"));

    public FakeTimeProvider Time { get; } = new(Now);

    public string Keys => Path.Combine(Folder, "keys");

    /// <summary>Stands for the user's configuration folder, where keygen writes without --out.</summary>
    public string DefaultKeys => Path.Combine(Folder, "config", "certplatform-release", "keys");

    public string Out => Path.Combine(Folder, "out");

    public string PackagePath => Path.Combine(Folder, "certplatform-1.2.0-linux-x64.zip");

    public string PrivateKey => Path.Combine(Keys, ReleaseCommands.PrivateKeyFile);

    public string PublicKey => Path.Combine(Keys, ReleaseCommands.PublicKeyFile);

    public string Manifest => Path.Combine(Out, ReleaseCommands.ManifestFile);

    public string Output { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public int Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = ReleaseCommands.Run(args, output, error, Time, DefaultKeys);
        Output = output.ToString();
        Error = error.ToString();
        return code;
    }

    public int Sign(params string[] extra) => Run(
    [
        "sign", "--key", PrivateKey, "--version", "1.2.0", "--out", Out,
        "--package", PackagePath, "--url", "https://updates.bank.example/certplatform-1.2.0-linux-x64.zip", "--rid", "linux-x64",
        "--notes-ja", "不具合を修正しました。", "--notes-en", "Fixes.", "--min-version", "1.1.0", .. extra,
    ]);

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}

/// <summary>A test that needs the openssl command; skipped where it is not installed.</summary>
public sealed class OpenSslFactAttribute : FactAttribute
{
    public OpenSslFactAttribute()
    {
        if (!OpenSsl.IsAvailable)
        {
            Skip = "openssl is not on PATH";
        }
    }
}

internal static class OpenSsl
{
    public static bool IsAvailable { get; } = Probe();

    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static bool Probe()
    {
        try
        {
            return Run("version").ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
