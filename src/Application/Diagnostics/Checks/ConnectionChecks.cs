using System.Globalization;
using CertPlatform.Application.Checks;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Options;

namespace CertPlatform.Application.Diagnostics.Checks;

/// <summary>
/// The way to the center and the CA, and the proxy it goes through: the manual's FAQ 3.1.2 (is SSL to the CA's URL
/// let through the company network?) and G005e/G207e/G009e, each with the remedy the user would get from issuance.
/// </summary>
public sealed class ConnectionChecks(IConnectionProbe probe, IOptions<DiagnosticsOptions> options)
{
    private static readonly LocalizedText NoNetwork = new(
        "組み込みのサンドボックスで動作しているため、ネットワークは使用しません。",
        "The helper runs against its embedded sandbox and uses no network.");

    public async Task<IReadOnlyList<DiagnosticCheck>> RunAsync(CancellationToken cancellationToken)
    {
        var probes = await probe.ProbeAsync(cancellationToken);
        var center = probes.FirstOrDefault(p => p.Peer == CheckNames.Center);
        var ca = probes.FirstOrDefault(p => p.Peer == CheckNames.Ca);
        return
        [
            center is null ? DiagnosticCheck.Skipped(CheckNames.Center, NoNetwork) : Judge(center),
            ca is null ? DiagnosticCheck.Skipped(CheckNames.Ca, NoNetwork) : Judge(ca),
            Proxy(probe.Proxy),
        ];
    }

    private DiagnosticCheck Judge(PeerProbe peer)
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["address"] = peer.Address,
            ["outcome"] = peer.Outcome.ToString(),
            ["elapsedMs"] = ((long)peer.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        };
        if (peer.Status is { } status)
        {
            facts["httpStatus"] = status.ToString(CultureInfo.InvariantCulture);
        }

        if (peer.Reason is { } reason)
        {
            facts["reason"] = reason;
        }

        var name = peer.Peer;
        var address = peer.Address;
        var ms = (long)peer.Elapsed.TotalMilliseconds;
        return peer.Outcome switch
        {
            PeerOutcome.Reachable when peer.Status >= 500 => DiagnosticCheck.Problem(
                name, CheckStatus.Warning,
                new($"{address} に接続できましたが、エラーを返しました(HTTP {peer.Status}、{ms} ミリ秒)。", $"{address} was reached but answered with an error (HTTP {peer.Status}, {ms} ms)."),
                ErrorCatalog.G005e, facts),
            PeerOutcome.Reachable => DiagnosticCheck.Ok(
                name,
                new($"{address} に接続できました(SSL/TLS 正常、HTTP {peer.Status}、{ms} ミリ秒)。", $"{address} was reached (TLS accepted, HTTP {peer.Status}, {ms} ms)."),
                facts),
            PeerOutcome.NameMismatch => DiagnosticCheck.Problem(
                name, CheckStatus.Failed,
                new($"{address} のサーバ証明書が接続先の名前と一致しません。", $"The TLS certificate of {address} is for another name."),
                ErrorCatalog.G207e, facts),
            PeerOutcome.Untrusted => DiagnosticCheck.Problem(
                name, CheckStatus.Failed,
                new($"{address} のサーバ証明書が当組合の認証局のものではありません(社内ネットワークのSSL検査のおそれがあります)。", $"The TLS certificate of {address} does not chain to the bank's roots (the company network may inspect SSL)."),
                ErrorCatalog.G207e, facts),
            PeerOutcome.HandshakeFailed => DiagnosticCheck.Problem(
                name, CheckStatus.Failed,
                new($"{address} との SSL/TLS の接続確立(ハンドシェイク)に失敗しました。", $"The TLS handshake with {address} failed."),
                ErrorCatalog.G207e, facts),
            PeerOutcome.ProxyRefused => DiagnosticCheck.Problem(
                name, CheckStatus.Failed,
                new($"プロキシサーバが {address} への接続を拒否しました(407 プロキシ認証が必要)。", $"The proxy refused the way to {address} (407 proxy authentication required)."),
                ErrorCatalog.G009e, facts),
            PeerOutcome.Timeout => DiagnosticCheck.Problem(
                name, CheckStatus.Failed,
                new($"{address} から {options.Value.ProbeTimeoutSeconds} 秒以内に応答がありませんでした。", $"{address} did not answer within {options.Value.ProbeTimeoutSeconds} s."),
                ErrorCatalog.G005eUnreachable(address), facts),
            _ => DiagnosticCheck.Problem(
                name, CheckStatus.Failed,
                new($"{address} に接続できませんでした。", $"{address} could not be reached."),
                ErrorCatalog.G005eUnreachable(address), facts),
        };
    }

    private static DiagnosticCheck Proxy(ProxyInEffect? proxy)
    {
        if (proxy is null)
        {
            return DiagnosticCheck.Skipped(CheckNames.Proxy, NoNetwork);
        }

        var facts = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["mode"] = proxy.Mode,
            ["address"] = proxy.Address ?? "direct",
            ["credentials"] = proxy.HasCredentials ? "configured" : "none",
        };
        var credentials = proxy.HasCredentials
            ? new LocalizedText("ID・パスワード設定あり(パスワードは表示しません)", "ID and password configured (the password is not shown)")
            : new LocalizedText("ID・パスワード設定なし", "no ID or password configured");
        var detail = proxy.Address is null
            ? new LocalizedText($"プロキシを使用せず直接接続します(設定: {proxy.Mode})。", $"Direct connection, no proxy (setting: {proxy.Mode}).")
            : new LocalizedText($"プロキシ {proxy.Address} を経由します(設定: {proxy.Mode}、{credentials.Ja})。", $"Through the proxy {proxy.Address} (setting: {proxy.Mode}, {credentials.En}).");
        return DiagnosticCheck.Ok(CheckNames.Proxy, detail, facts);
    }
}
