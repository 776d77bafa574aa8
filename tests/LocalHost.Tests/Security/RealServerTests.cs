using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>
/// The helper as it really runs: the built program started as a process, and Kestrel on a real loopback socket.
/// </summary>
public class RealServerTests
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("--urls http://0.0.0.0:0", "")]
    [InlineData("--urls http://*:0", "")]
    [InlineData("--urls http://[::]:0", "")]
    [InlineData("", "ASPNETCORE_URLS=http://+:0")]
    [InlineData("", "Kestrel__Endpoints__Lan__Url=http://0.0.0.0:0")]
    [InlineData("--Helper:Port 80", "")]
    public async Task The_helper_refuses_to_start_on_a_wildcard_or_foreign_address(string arguments, string environment)
    {
        var run = await RunHelperAsync(arguments, environment, stopWhenReady: true);

        Assert.False(run.Ready, "the helper started listening:\n" + run.Output);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("loopback only", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_helper_starts_on_loopback()
    {
        var run = await RunHelperAsync("--urls http://127.0.0.1:0", string.Empty, stopWhenReady: true);

        Assert.True(run.Ready, run.Output);
    }

    [Fact]
    public async Task A_second_helper_on_a_busy_port_says_so_in_one_line_and_exits_with_the_port_code()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await RunHelperAsync($"--urls http://127.0.0.1:{port}", string.Empty, stopWhenReady: true);

        Assert.False(run.Ready, run.Output);
        Assert.Equal(CertPlatform.Domain.Launch.HelperExitCodes.PortInUse, run.ExitCode);
        Assert.Contains($"G010e: http://127.0.0.1:{port} is in use by another program", run.Output, StringComparison.Ordinal);
        Assert.Contains("通信ポートを別のプログラムが使用している", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sandbox_root_without_its_key_refuses_the_start_in_one_line_and_makes_no_new_root()
    {
        var data = Directory.CreateTempSubdirectory("certplatform-broken-ca-").FullName;
        try
        {
            var certificate = Path.Combine(data, "sandbox", "ca.crt");
            Directory.CreateDirectory(Path.GetDirectoryName(certificate)!);
            await File.WriteAllTextAsync(certificate, "-----BEGIN CERTIFICATE-----\nkept as it is\n-----END CERTIFICATE-----\n");

            var run = await RunHelperAsync("--urls http://127.0.0.1:0", "Helper__DataDirectory=" + data, stopWhenReady: true);

            Assert.False(run.Ready, run.Output);
            Assert.Equal(CertPlatform.Domain.Launch.HelperExitCodes.StartRefused, run.ExitCode);
            Assert.Contains("Not starting: The sandbox CA cannot be used", run.Output, StringComparison.Ordinal);
            Assert.Contains("--Sandbox:Reset=true", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(data, "sandbox", "ca.key")));
            Assert.Contains("kept as it is", await File.ReadAllTextAsync(certificate), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_listener_bound_beyond_loopback_in_code_stops_the_helper()
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        app.UseKestrel(kestrel => kestrel.ListenAnyIP(0));

        var refusal = Record.Exception(app.StartServer);

        Assert.NotNull(refusal);
        Assert.Contains("loopback only", Flatten(refusal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_a_real_socket_the_host_must_carry_the_port_the_helper_listens_on()
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        app.UseKestrel();
        app.StartServer();
        var port = BoundPort(app);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        using var right = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status");
        right.Headers.Host = $"localhost:{port}";
        using var wrongPort = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status");
        wrongPort.Headers.Host = $"localhost:{(port == 65535 ? port - 1 : port + 1)}";
        using var noPort = new HttpRequestMessage(HttpMethod.Get, "/api/v1/status");
        noPort.Headers.Host = "localhost";

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(right)).StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await client.SendAsync(wrongPort)).StatusCode);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, (await client.SendAsync(noPort)).StatusCode);
    }

    [Fact]
    public async Task On_a_real_socket_the_own_origin_is_the_port_the_helper_listens_on()
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        app.UseKestrel();
        app.StartServer();
        var port = BoundPort(app);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var own = await client.SendAsync(Requests.Post(Requests.IssuePath, "{}", origin: $"http://127.0.0.1:{port}"));
        var otherPort = await client.SendAsync(Requests.Post(Requests.IssuePath, "{}", origin: $"http://127.0.0.1:{(port == 65535 ? port - 1 : port + 1)}"));

        Assert.Equal("G006e", await Requests.CodeOf(own));
        Assert.Equal("G301e", await Requests.CodeOf(otherPort));
    }

    [Fact]
    public async Task On_a_real_socket_the_server_does_not_name_itself()
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?> { ["urls"] = "http://127.0.0.1:0" });
        app.UseKestrel();
        app.StartServer();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{BoundPort(app)}") };

        using var response = await client.GetAsync("/api/v1/status");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Requests.Header(response, "Server"));
    }

    [Fact]
    public async Task On_a_real_socket_password_guessing_is_cut_off_at_the_limit()
    {
        await using var app = HelperFactory.With(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Security:RateLimits:Password:PermitLimit"] = null,
        });
        app.UseKestrel();
        app.StartServer();
        var port = BoundPort(app);
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var origin = $"http://127.0.0.1:{port}";

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt <= 10; attempt++)
        {
            answers.Add(await client.SendAsync(Requests.Post(Requests.IssuePath, Requests.UnknownUserBody, origin)));
        }

        Assert.All(answers.Take(10), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        await Requests.AssertRateLimitedAsync(answers[^1]);
    }

    private static int BoundPort(HelperFactory app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address).Port;
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join("\n", aggregate.Flatten().InnerExceptions.Select(e => e.ToString()))
            : exception.ToString();

    private sealed record HelperRun(bool Ready, int? ExitCode, string Output);

    /// <summary>Starts the built helper; it either exits (refused) or says it is ready, and is then stopped.</summary>
    private static async Task<HelperRun> RunHelperAsync(string arguments, string environment, bool stopWhenReady)
    {
        var root = Path.Combine(Path.GetTempPath(), "certplatform-run-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CertPlatform.LocalHost.dll"));
        foreach (var argument in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment.Remove("DOTNET_URLS");
        start.Environment["Helper__DataDirectory"] = Path.Combine(root, "data");
        start.Environment["Store__Kind"] = "X509";
        start.Environment["Store__Name"] = "CertPlatformTest-" + Guid.NewGuid().ToString("N");
        if (environment.Length > 0)
        {
            var (name, value) = (environment[..environment.IndexOf('=', StringComparison.Ordinal)], environment[(environment.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            start.Environment[name] = value;
        }

        var output = new System.Text.StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.Contains("is ready at", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var limit = new CancellationTokenSource(StartupLimit);
            var exited = process.WaitForExitAsync(limit.Token);
            var first = await Task.WhenAny(exited, ready.Task);
            var isReady = first == ready.Task;
            if (isReady && stopWhenReady)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync(CancellationToken.None);
            lock (output)
            {
                return new HelperRun(isReady, isReady ? null : process.ExitCode, output.ToString());
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            TestSupport.StoreCleanup.Delete(start.Environment["Store__Name"]!);
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
