using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace CertPlatform.TestSupport;

/// <summary>
/// Debian's squid, as a company's proxy: on a free loopback port, basic authentication through <c>basic_ncsa_auth</c>
/// with a password file made by <c>htpasswd</c> (scripts/install-test-deps.sh installs squid and apache2-utils), no
/// cache. Started and stopped by the test; its folder (configuration, password file, logs) is deleted on dispose.
/// </summary>
public sealed class SquidProxy : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _configuration;
    private Process _process;

    private SquidProxy(string folder, string configuration, int port)
    {
        _folder = folder;
        _configuration = configuration;
        Port = port;
        _process = Launch(configuration);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}";

    /// <summary>What squid logged of each request (method, status, destination): the proof the traffic went through it.</summary>
    public string AccessLog => File.Exists(Path.Combine(_folder, "logs", "access.log")) ? File.ReadAllText(Path.Combine(_folder, "logs", "access.log")) : string.Empty;

    /// <summary>Starts squid with one account, <paramref name="userName"/> / <paramref name="password"/>, and returns once it listens.</summary>
    public static async Task<SquidProxy> StartAsync(string userName, string password)
    {
        var folder = Directory.CreateTempSubdirectory("certplatform-squid-").FullName;
        var logs = Path.Combine(folder, "logs");
        Directory.CreateDirectory(logs);
        if (!OperatingSystem.IsWindows())
        {
            // Started as root, squid works as the proxy user: it reads the password file and writes the logs.
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
            File.SetUnixFileMode(logs, (UnixFileMode)0b111_111_111);
        }

        var passwords = Path.Combine(folder, "passwd");
        var (code, output) = await ExternalTool.Run("htpasswd", "-bcm", passwords, userName, password);
        if (code != 0)
        {
            throw new InvalidOperationException("htpasswd failed: " + output);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(passwords, (UnixFileMode)0b110_100_100);
        }

        var port = LoopbackPort.Free();
        var configuration = Path.Combine(folder, "squid.conf");
        await File.WriteAllTextAsync(configuration, $"""
            http_port 127.0.0.1:{port}
            pid_filename {logs}/squid.pid
            cache_log {logs}/cache.log
            access_log {logs}/access.log
            coredump_dir {logs}
            cache deny all
            pinger_enable off
            shutdown_lifetime 0 seconds
            auth_param basic program /usr/lib/squid/basic_ncsa_auth {passwords}
            auth_param basic realm CertPlatform test proxy
            acl authenticated proxy_auth REQUIRED
            http_access allow authenticated
            http_access deny all
            """);

        var proxy = new SquidProxy(folder, configuration, port);
        await proxy.WaitUntilListeningAsync();
        return proxy;
    }

    /// <summary>Stops squid and starts it again on the same port: every tunnel it held is gone, as after a proxy's restart.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        _process.Dispose();
        _process = Launch(_configuration);
        await WaitUntilListeningAsync();
    }

    private static Process Launch(string configuration) => ExternalTool.StartInBackground("squid", "-N", "-f", configuration);

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        var cacheLog = Path.Combine(_folder, "logs", "cache.log");
        var log = File.Exists(cacheLog) ? await File.ReadAllTextAsync(cacheLog) : string.Empty;
        await DisposeAsync();
        throw new TimeoutException("squid did not start listening: " + log);
    }

    private async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            // squid's authentication helpers are its children: the whole tree goes.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

}
