using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CertPlatform.TestSupport;

/// <summary>
/// A folder served on loopback by a web server nobody here wrote: Python's <c>http.server</c> (scripts/install-test-deps.sh
/// installs python3). Stands for a bank's update feed or a bank's page. Stopped on dispose.
/// </summary>
public sealed class StaticFileServer : IAsyncDisposable
{
    private readonly Process _process;

    private StaticFileServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";

    /// <summary>Starts serving <paramref name="folder"/> and returns once it answers.</summary>
    public static async Task<StaticFileServer> StartAsync(string folder)
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var process = ExternalTool.StartInBackground(
            "python3", "-m", "http.server", "--bind", "127.0.0.1", "--directory", folder, port.ToString(CultureInfo.InvariantCulture));
        var server = new StaticFileServer(process, port);
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await client.GetAsync(new Uri(server.Origin + "/"));
                return server;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("python3 -m http.server did not start");
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
}
