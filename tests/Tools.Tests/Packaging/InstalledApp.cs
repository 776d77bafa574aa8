using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace CertPlatform.Tools.Tests.Packaging;

/// <summary>
/// An installed package's launcher started as a customer's desktop starts it: its own HOME, a PATH with only the
/// shell tools the launcher script uses (no <c>dotnet</c>), <c>DOTNET_ROOT</c> pointing nowhere. Whatever it
/// starts is stopped on dispose.
/// </summary>
internal sealed class InstalledApp : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly Process _process;

    private InstalledApp(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
    }

    public int Port { get; }

    public string DataDirectory { get; }

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

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The data folder the helper uses by default under <paramref name="home"/> (XDG's ~/.local/share).</summary>
    public static string DefaultDataDirectory(string home) => Path.Combine(home, ".local", "share", "CertPlatform");


    /// <param name="launcher">The package's launcher script (<c>/opt/certplatform/certplatform</c> in the extracted tree).</param>
    /// <param name="home">The user's HOME; the data folder is the default one inside it.</param>
    public static InstalledApp Start(string launcher, string home, int port, params string[] arguments)
    {
        var bin = Path.Combine(home, ".test-bin");
        Directory.CreateDirectory(bin);
        foreach (var tool in new[] { "sh", "dirname", "readlink" })
        {
            var link = Path.Combine(bin, tool);
            if (!File.Exists(link))
            {
                File.CreateSymbolicLink(link, Which(tool));
            }
        }

        var start = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add($"--Helper:Port={port}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        start.Environment["PATH"] = bin;
        start.Environment["HOME"] = home;
        start.Environment["DOTNET_ROOT"] = Path.Combine(home, "no-dotnet-here");
        var process = Process.Start(start)!;
        var app = new InstalledApp(process, port, DefaultDataDirectory(home));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>The first answer of /api/v1/status, within a minute; fails when the app exits first.</summary>
    public async Task<JsonElement> WaitForStatusAsync()
    {
        using var client = Client();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(_process.HasExited, $"The installed app exited:\n{Output}");
            try
            {
                return await client.GetFromJsonAsync<JsonElement>(new Uri($"http://127.0.0.1:{Port}/api/v1/status"));
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"The installed app did not answer /api/v1/status:\n{Output}");
    }

    /// <summary>Waits until the launcher or the app has written <paramref name="text"/> (the launcher logs to stderr).</summary>
    public async Task WaitForOutputAsync(string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"'{text}' never appeared:\n{Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A client of the API as a support tool is: the per-user API token instead of a bank page's Origin.</summary>
    public HttpClient Client()
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{Port}/api/v1/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var token = Path.Combine(DataDirectory, "api-token");
        if (File.Exists(token))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", File.ReadAllText(token).Trim());
        }

        return client;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static string Which(string tool) =>
        new[] { "/usr/bin", "/bin" }.Select(d => Path.Combine(d, tool)).First(File.Exists);

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
