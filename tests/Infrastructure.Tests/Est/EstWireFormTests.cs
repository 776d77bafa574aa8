using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;
using CertPlatform.Infrastructure.Est;
using CertPlatform.Infrastructure.Tests.Fixtures;
using CertPlatform.TestSupport;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace CertPlatform.Infrastructure.Tests.Est;

/// <summary>
/// Every form in which a real EST server may send its answer (RFC 7030, the errata RFC 8951 folds in, and what servers
/// did before it), served by WireMock: the helper's client reads each, and sends the RFC 8951 form itself.
/// </summary>
public sealed class EstWireFormTests : IDisposable
{
    private const string CertsOnlyType = "application/pkcs7-mime; smime-type=certs-only";

    private static readonly EnrollmentTicket Ticket = new(TestPki.TicketUsername, TestPki.TicketPassword, DateTimeOffset.UtcNow.AddMinutes(5));

    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings
    {
        Urls = [$"https://127.0.0.1:{LoopbackPort.Free()}"],
        CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestPki.ServerCertificate("test-server") },
    });

    private ChunkedServer? _chunked;

    public void Dispose()
    {
        _server.Stop();
        _chunked?.Dispose();
    }

    public static TheoryData<string> Forms => [.. Enum.GetNames<Form>()];

    private enum Form
    {
        /// <summary>RFC 8951: one line of base64, a length, no Content-Transfer-Encoding.</summary>
        Plain,

        /// <summary>RFC 7030 as first printed: 76-character lines with CRLF and Content-Transfer-Encoding: base64.</summary>
        WrappedWithTransferEncoding,

        /// <summary>Line breaks (LF only) without the header.</summary>
        WrappedWithoutTransferEncoding,

        /// <summary>Chunked, no Content-Length.</summary>
        Chunked,

        /// <summary>application/pkcs7-mime without the smime-type parameter, in capitals.</summary>
        MediaTypeWithoutParameters,

        /// <summary>The DER itself, as a few servers send it (Content-Transfer-Encoding: binary).</summary>
        Binary,

        /// <summary>A PEM block around the base64.</summary>
        Pem,
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task Ca_certificates_are_read_in_every_form(string form)
    {
        using var issuing = TestPki.Certificate("test-issuing");
        using var root = TestPki.Certificate("test-root");
        using var helper = RemoteHelper.For(Serve("/.well-known/est/cacerts", Enum.Parse<Form>(form), [issuing, root]));

        var certificates = await helper.Ca.GetCaCertificatesAsync(default);

        Assert.Equal(
            new[] { issuing.Thumbprint, root.Thumbprint }.Order(StringComparer.Ordinal),
            certificates.Select(c => c.Thumbprint).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task The_issued_certificate_is_read_in_every_form(string form)
    {
        using var customer = TestPki.Certificate("customer");
        using var helper = RemoteHelper.For(Serve("/.well-known/est/simpleenroll", Enum.Parse<Form>(form), [customer]));

        using var issued = await helper.Ca.EnrollAsync(CustomerRequest(), Ticket, default);

        Assert.Equal(customer.Thumbprint, issued.Thumbprint);
    }

    [Fact]
    public async Task The_chunked_form_is_really_chunked_and_the_wrapped_one_really_wrapped()
    {
        using var customer = TestPki.Certificate("customer");
        var chunkedUrl = Serve("/.well-known/est/cacerts", Form.Chunked, [customer]);
        Serve("/.well-known/est/wrapped/cacerts", Form.WrappedWithTransferEncoding, [customer]);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var client = new HttpClient(handler);

        // Headers only: a buffered body would be given a computed length.
        using var chunked = await client.GetAsync(new Uri(new Uri(chunkedUrl), "/.well-known/est/cacerts"), HttpCompletionOption.ResponseHeadersRead);
        using var wrapped = await client.GetAsync(new Uri(new Uri(_server.Urls[0]), "/.well-known/est/wrapped/cacerts"));

        Assert.True(chunked.Headers.TransferEncodingChunked);
        Assert.False(chunked.Content.Headers.Contains("Content-Length"));
        Assert.Contains("\r\n", await wrapped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("base64", wrapped.Headers.GetValues("Content-Transfer-Encoding").Single());
    }

    [Theory]
    [InlineData("customer", "test-issuing", "test-root")]
    [InlineData("test-root", "test-issuing", "customer")]
    [InlineData("test-issuing", "customer", "test-root")]
    public async Task The_certificate_for_the_requested_key_is_found_in_a_chain_of_any_order(params string[] order)
    {
        var chain = order.Select(TestPki.Certificate).ToArray();
        using var helper = RemoteHelper.For(Serve("/.well-known/est/simpleenroll", Form.Plain, chain));

        using var issued = await helper.Ca.EnrollAsync(CustomerRequest(), Ticket, default);

        using var customer = TestPki.Certificate("customer");
        Assert.Equal(customer.Thumbprint, issued.Thumbprint);
        foreach (var certificate in chain)
        {
            certificate.Dispose();
        }
    }

    [Fact]
    public async Task The_request_goes_as_RFC_8951_has_it_plain_base64_without_content_transfer_encoding()
    {
        using var customer = TestPki.Certificate("customer");
        using var helper = RemoteHelper.For(Serve("/.well-known/est/simpleenroll", Form.Plain, [customer]));
        var request = CustomerRequest();

        using var issued = await helper.Ca.EnrollAsync(request, Ticket, default);

        var sent = Assert.Single(_server.LogEntries).RequestMessage!;
        Assert.Equal("application/pkcs10", sent.Headers!["Content-Type"].Single());
        Assert.False(sent.Headers.ContainsKey("Content-Transfer-Encoding"));
        Assert.DoesNotContain('\n', sent.Body!);
        Assert.Equal(request, Convert.FromBase64String(sent.Body!));
    }

    /// <summary>The answer at <paramref name="path"/> in <paramref name="form"/>; returns the server's address.</summary>
    private string Serve(string path, Form form, X509Certificate2[] certificates)
    {
        var base64 = CertsOnly.Write(certificates);
        if (form == Form.Chunked)
        {
            // WireMock.Net always sends a Content-Length: a chunked answer comes from a few lines of HTTP/1.1 instead.
            _chunked = new ChunkedServer(CertsOnlyType, Encoding.ASCII.GetBytes(base64));
            return _chunked.Url;
        }

        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", form == Form.MediaTypeWithoutParameters ? "APPLICATION/PKCS7-MIME" : CertsOnlyType);
        switch (form)
        {
            case Form.WrappedWithTransferEncoding:
                response = response.WithHeader("Content-Transfer-Encoding", "base64").WithBody(Wrap(base64, "\r\n"));
                break;
            case Form.WrappedWithoutTransferEncoding:
                response = response.WithBody(Wrap(base64, "\n"));
                break;
            case Form.Binary:
                response = response.WithHeader("Content-Transfer-Encoding", "binary").WithBody(Convert.FromBase64String(base64));
                break;
            case Form.Pem:
                response = response.WithBody($"-----BEGIN PKCS7-----\n{Wrap(base64, "\n")}\n-----END PKCS7-----\n");
                break;
            default:
                response = response.WithBody(base64);
                break;
        }

        _server.Given(Request.Create().WithPath(path)).RespondWith(response);
        return _server.Urls[0];
    }

    private static string Wrap(string base64, string newLine) =>
        string.Join(newLine, base64.Chunk(76).Select(c => new string(c)));

    private static byte[] CustomerRequest()
    {
        using var key = new GeneratedKey(KeyAlgorithm.Rsa2048, TestPki.CustomerKey());
        return CertificationRequest.Create(TestPki.Subject, key);
    }

    /// <summary>An HTTPS server on loopback that answers every request with <c>Transfer-Encoding: chunked</c>, in two chunks.</summary>
    private sealed class ChunkedServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly X509Certificate2 _certificate = TestPki.ServerCertificate("test-server");

        public ChunkedServer(string contentType, byte[] body)
        {
            _listener.Start();
            Url = $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _ = Task.Run(() => ServeAsync(contentType, body));
        }

        public string Url { get; }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
            _certificate.Dispose();
        }

        private async Task ServeAsync(string contentType, byte[] body)
        {
            while (!_stop.IsCancellationRequested)
            {
                using var connection = await _listener.AcceptTcpClientAsync(_stop.Token);
                await using var tls = new SslStream(connection.GetStream());
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                }, _stop.Token);
                await ReadRequestAsync(tls);
                var half = body.Length / 2;
                var head = $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
                foreach (var chunk in new[] { body[..half], body[half..] })
                {
                    await tls.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"), _stop.Token);
                    await tls.WriteAsync(chunk, _stop.Token);
                    await tls.WriteAsync("\r\n"u8.ToArray(), _stop.Token);
                    await tls.FlushAsync(_stop.Token);
                }

                await tls.WriteAsync("0\r\n\r\n"u8.ToArray(), _stop.Token);
            }
        }

        /// <summary>The request's head, then as many body bytes as its Content-Length says.</summary>
        private async Task ReadRequestAsync(SslStream tls)
        {
            var received = new List<byte>();
            var one = new byte[1];
            while (!received.TakeLast(4).SequenceEqual("\r\n\r\n"u8.ToArray()) && await tls.ReadAsync(one, _stop.Token) == 1)
            {
                received.Add(one[0]);
            }

            var head = Encoding.ASCII.GetString([.. received]);
            var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } line
                ? int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)
                : 0;
            var content = new byte[length];
            await tls.ReadExactlyAsync(content, _stop.Token);
        }
    }
}
