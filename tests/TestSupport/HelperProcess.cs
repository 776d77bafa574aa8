using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace CertPlatform.TestSupport;

/// <summary>
/// The real helper (the LocalHost project's own build output) as a child process on a free loopback port, with its
/// data folder and NSS database in the test's home folder and <c>HOME</c> pointing there. Killed on dispose.
/// </summary>
public sealed class HelperProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private HelperProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once it has exited (137, or -9 as .NET reports a SIGKILL, for a crash point).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the helper to end by itself (a crash point, a refused start).</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public string Url => $"http://127.0.0.1:{Port}/";

    /// <summary>What the helper printed so far (its console log), for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="home">The test's home folder: HOME of the helper, its data folder and its NSS database live there.</param>
    /// <param name="settings">More <c>--Key=Value</c> settings (e.g. <c>Sandbox:CertificateLifetimeDays</c>).</param>
    /// <param name="environment">More environment variables (e.g. a crash point of the crash tests).</param>
    /// <param name="port">The port to listen on; a free one when not given (a restart passes the port it had).</param>
    public static async Task<HelperProcess> StartAsync(
        string home, IReadOnlyDictionary<string, string>? settings = null, IReadOnlyDictionary<string, string>? environment = null, int? port = null)
    {
        var listenOn = port ?? LoopbackPort.Free();
        var project = Path.Combine(Repository.Root, "src", "LocalHost");
        var dll = Path.Combine(project, "bin", Repository.Configuration, "net10.0", "CertPlatform.LocalHost.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The helper is not built at {dll}.", dll);
        }

        var start = new ProcessStartInfo(DotNet)
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["urls"] = $"http://127.0.0.1:{listenOn}",
            ["contentRoot"] = project,
            ["Helper:DataDirectory"] = Path.Combine(home, "helper-data"),
            ["Store:Kind"] = "Nss",
            ["Store:NssDatabase"] = Path.Combine(home, ".pki", "nssdb"),
            ["Serilog:MinimumLevel:Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            arguments[key] = value;
        }

        start.ArgumentList.Add(dll);
        foreach (var (key, value) in arguments)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        start.Environment["HOME"] = home;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The helper did not start.");
        var helper = new HelperProcess(process, listenOn);
        process.OutputDataReceived += (_, e) => helper.Append(e.Data);
        process.ErrorDataReceived += (_, e) => helper.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await helper.WaitUntilReadyAsync();
        }
        catch
        {
            await helper.DisposeAsync();
            throw;
        }

        return helper;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
    }

    private static string DotNet =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";


    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                // Without a timeout, WaitForExit also waits for the redirected output to reach its end.
                _process.WaitForExit();
                throw new InvalidOperationException($"The helper exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri($"{Url}api/v1/status"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The helper did not answer /api/v1/status within {StartTimeout}:\n{Output}");
    }
}

/// <summary>Where the repository and this build are.</summary>
public static class Repository
{
    public static string Root => RepositoryRoot.Path;

    /// <summary>Debug or Release: the helper is run from the same configuration as the tests.</summary>
    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
