using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CertPlatform.Bench;

/// <summary>
/// Two helpers as in a deployment: one plays the bank (its sandbox served over HTTPS on loopback), the other is
/// the customer's helper in Remote mode, talking to it through the center client and the EST client.
/// </summary>
public sealed class RemotePair : IAsyncDisposable
{
    private readonly HelperProcess _bank;

    private RemotePair(HelperProcess bank, HelperProcess customer)
    {
        _bank = bank;
        Customer = customer;
    }

    public HelperProcess Customer { get; }

    public static async Task<RemotePair> StartAsync(string helperDll)
    {
        var bankData = Path.Combine(Path.GetTempPath(), "certplatform-bench", Guid.NewGuid().ToString("N"));
        var httpsPort = FreePort();
        var bank = await HelperProcess.StartAsync(helperDll,
        [
            $"--Helper:DataDirectory={bankData}", "--Store:Kind=X509", $"--Store:Name=CertPlatformBench-{Guid.NewGuid():N}",
            "--Sandbox:Https:Enabled=true", $"--Sandbox:Https:Port={httpsPort}",
        ]);
        var root = Path.Combine(bankData, "sandbox", "ca.crt");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(root) && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var sandbox = $"https://127.0.0.1:{httpsPort}/";
        var customer = await HelperProcess.StartAsync(helperDll,
        [
            $"--Helper:DataDirectory={Path.Combine(Path.GetTempPath(), "certplatform-bench", Guid.NewGuid().ToString("N"))}",
            "--Store:Kind=X509", $"--Store:Name=CertPlatformBench-{Guid.NewGuid():N}",
            "--Center:Mode=Remote", $"--Center:BaseUrl={sandbox}", $"--Ca:EstBaseUrl={sandbox}", $"--Ca:TrustAnchorPath={root}",
            "--Network:Proxy:Mode=None", "--Updates:CheckAtStart=false", "--Security:RateLimits:Password:PermitLimit=100000",
        ]);
        return new RemotePair(bank, customer);
    }

    public ValueTask DisposeAsync()
    {
        Customer.Dispose();
        _bank.Dispose();
        return ValueTask.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
