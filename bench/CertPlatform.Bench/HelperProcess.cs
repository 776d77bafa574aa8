using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CertPlatform.Bench;

/// <summary>A published app (the helper, the packaged helper or the bare app) started as its own process on a free loopback port.</summary>
public sealed class HelperProcess : IDisposable
{
    private readonly Process _process;

    private HelperProcess(Process process, Uri baseAddress, double startMilliseconds)
    {
        _process = process;
        BaseAddress = baseAddress;
        StartMilliseconds = startMilliseconds;
    }

    public Uri BaseAddress { get; }

    /// <summary>Process start to the first 200 from /api/v1/status.</summary>
    public double StartMilliseconds { get; }

    public static async Task<HelperProcess> StartAsync(string dll, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        // A published assembly runs under dotnet; the packaged Linux helper is a native program of its own.
        var managed = dll.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(managed ? "dotnet" : dll) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (managed)
        {
            start.ArgumentList.Add(dll);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseAddress.ToString().TrimEnd('/'));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var response = await client.GetAsync(new Uri(baseAddress, "/api/v1/status"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return new HelperProcess(process, baseAddress, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"{dll} exited with {process.ExitCode} before answering.");
            }

            await Task.Delay(2);
        }

        process.Kill(true);
        throw new TimeoutException($"{dll} did not answer within 30 s.");
    }

    /// <summary>A client of the API as the helper's own page is: its base address and its Origin.</summary>
    public HttpClient PageClient(TimeSpan timeout)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout };
        client.DefaultRequestHeaders.Add("Origin", BaseAddress.GetLeftPart(UriPartial.Authority));
        return client;
    }

    /// <summary>Resident set size in MiB (Linux /proc; elsewhere the runtime's working set).</summary>
    public double ResidentMegabytes()
    {
        var status = $"/proc/{_process.Id}/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
        }

        _process.Refresh();
        return _process.WorkingSet64 / 1024.0 / 1024.0;
    }

    /// <summary>Open file descriptors (Linux /proc); -1 elsewhere.</summary>
    public int OpenFiles()
    {
        var fds = $"/proc/{_process.Id}/fd";
        return Directory.Exists(fds) ? Directory.GetFiles(fds).Length : -1;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
