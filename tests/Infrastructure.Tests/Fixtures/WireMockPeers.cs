using System.Net;
using System.Net.Sockets;
using CertPlatform.TestSupport;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;

namespace CertPlatform.Infrastructure.Tests.Fixtures;

/// <summary>
/// The center and the CA as WireMock.Net doubles on loopback, loaded with the mapping files of WireMock/mappings:
/// one over TLS with a server certificate from the test root (client certificates accepted, for re-enrollment),
/// one over plain HTTP (the proxy tests), and one whose TLS certificate names another host.
/// </summary>
public sealed class WireMockPeers : IDisposable
{
    public WireMockPeers()
    {
        Https = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"https://127.0.0.1:{LoopbackPort.Free()}"],
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestPki.ServerCertificate("test-server") },
            ClientCertificateMode = ClientCertificateMode.AllowCertificate,
            AcceptAnyClientCertificate = true,
            PreWireMockMiddlewareInit = WireMockOrgMappings.AbortFaults,
        });
        Http = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"http://127.0.0.1:{LoopbackPort.Free()}"],
            PreWireMockMiddlewareInit = WireMockOrgMappings.AbortFaults,
        });
        WrongName = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = [$"https://127.0.0.1:{LoopbackPort.Free()}"],
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestPki.ServerCertificate("wrong-name-server") },
        });
        MappingCount = WireMockOrgMappings.Load(Https, TestPki.Root);
        WireMockOrgMappings.Load(Http, TestPki.Root);
        WireMockOrgMappings.Load(WrongName, TestPki.Root);
    }

    public WireMockServer Https { get; }

    public WireMockServer Http { get; }

    public WireMockServer WrongName { get; }

    public int MappingCount { get; }

    public string HttpsUrl => Https.Urls[0];

    public string HttpUrl => Http.Urls[0];

    /// <summary>
    /// The requests the TLS double received under a path prefix. Filtered, because a test's late request (the one
    /// that timed out) may still land in the log while the next test runs.
    /// </summary>
    public IReadOnlyList<WireMock.IRequestMessage> Requests(string pathPrefix) =>
        [.. Https.LogEntries.Select(e => e.RequestMessage!).Where(r => r.Path.StartsWith(pathPrefix, StringComparison.Ordinal))];

    /// <summary>Scenarios (a flaky cacerts, a pending enrollment) start over, and the request log with them.</summary>
    public void Reset()
    {
        foreach (var server in new[] { Https, Http, WrongName })
        {
            server.ResetScenarios();
            server.ResetLogEntries();
        }
    }

    public void Dispose()
    {
        Https.Stop();
        Http.Stop();
        WrongName.Stop();
    }

}

[CollectionDefinition(Name)]
public sealed class WireMockCollection : ICollectionFixture<WireMockPeers>
{
    public const string Name = "WireMock peers";
}
