using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using CertPlatform.Sandbox.Http;
using CertPlatform.TestSupport;

namespace CertPlatform.Sandbox.Tests.Http;

/// <summary>
/// The sandbox's HTTPS EST server against an EST client nobody here wrote: strongSwan's <c>pki</c> (Debian's
/// strongswan-pki with the curl fetcher of libstrongswan-extra-plugins; scripts/install-test-deps.sh installs both).
/// Keys and requests come from <c>openssl</c>; what the client gets is checked by <c>openssl verify -x509_strict
/// -purpose sslclient</c> and NSS's <c>certutil -V -u C</c> against the sandbox root, and the CRL by <c>openssl crl</c>.
/// Only the center's JSON calls (ticket, renewal, one-time password) are made from here, as the center protocol says.
/// </summary>
public sealed class IndependentEstClientTests : IAsyncLifetime
{
    private const string Password = "Sandbox-Pass-01";

    private readonly string _work = Directory.CreateTempSubdirectory("certplatform-pki-").FullName;
    private SandboxHttpsSite _site = null!;

    private string Root => _site.Sandbox.Get<SandboxCaKeys>().CertificatePath;

    private string Url => _site.BaseAddress.GetLeftPart(UriPartial.Authority);

    public async Task InitializeAsync() =>
        _site = await SandboxHttpsSite.StartAsync(new() { ["Sandbox:CertificateLifetimeDays"] = "30" });

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Pki_reads_the_ca_certificates()
    {
        var caOut = Path.Combine(_work, "cacerts.pem");

        var (code, output) = await Pki("--estca", "--url", Url, "--cacert", Root, "--caout", caOut, "--outform", "pem");

        Assert.True(code == 0, output);
        using var received = X509Certificate2.CreateFromPem(File.ReadAllText(caOut));
        Assert.Equal(_site.Sandbox.Get<SandboxCaKeys>().PublicCertificate.Thumbprint, received.Thumbprint);
    }

    [Theory]
    [InlineData("ec", "ec_paramgen_curve:P-256")]
    [InlineData("rsa", "rsa_keygen_bits:2048")]
    [InlineData("rsa", "rsa_keygen_bits:3072")]
    public async Task Pki_enrolls_with_the_centers_one_time_ticket_and_gets_a_strictly_valid_client_certificate(string algorithm, string parameter)
    {
        var (certificate, _) = await EnrollAsync("demo01", algorithm, parameter);

        await AssertValidClientCertificateAsync(certificate);
    }

    [Fact]
    public async Task Pki_renews_over_tls_client_authentication_after_the_password_and_the_one_time_password()
    {
        var (current, currentKey) = await EnrollAsync("demo01", "ec", "ec_paramgen_curve:P-256");
        var ticket = await RenewalTicketAsync(current, currentKey);
        var (request, _) = await RequestAsync(ticket.Subject, "ec", "ec_paramgen_curve:P-256", "renewed");

        var renewed = Path.Combine(_work, "renewed.pem");
        var (code, output) = await PkiEnroll(
            renewed, "--est", "--url", Url, "--in", request, "--cacert", Root, "--userpass", ticket.UserPass,
            "--cert", current, "--key", currentKey, "--outform", "pem");

        Assert.True(code == 0, output);
        await AssertValidClientCertificateAsync(renewed);
        using var before = X509Certificate2.CreateFromPem(File.ReadAllText(current));
        using var after = X509Certificate2.CreateFromPem(File.ReadAllText(renewed));
        Assert.Equal(before.Subject, after.Subject);
        Assert.NotEqual(before.SerialNumber, after.SerialNumber);
    }

    [Fact]
    public async Task A_wrong_ticket_is_refused_and_pki_gets_no_certificate()
    {
        using var client = Client();
        using var issuance = await client.PostAsJsonAsync(new Uri(_site.BaseAddress, "center/v1/issuance"), new { loginId = "demo01", password = Password });
        var ticket = TicketOf(await issuance.Content.ReadFromJsonAsync<JsonElement>());
        var (request, _) = await RequestAsync(ticket.Subject, "ec", "ec_paramgen_curve:P-256", "refused");
        var refused = Path.Combine(_work, "refused.pem");

        var (code, output) = await PkiEnroll(refused, "--est", "--url", Url, "--in", request, "--cacert", Root, "--userpass", ticket.UserPass + "x", "--outform", "pem");

        Assert.NotEqual(0, code);
        Assert.Contains("401", output, StringComparison.Ordinal);
        Assert.False(File.Exists(refused));
    }

    [Fact]
    public async Task Every_est_answer_has_a_length_plain_base64_and_no_content_transfer_encoding()
    {
        using var client = Client();

        using var response = await client.GetAsync(new Uri(_site.BaseAddress, ".well-known/est/cacerts"), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pkcs7-mime", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "smime-type" && p.Value == "certs-only");
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.False(response.Headers.Contains("Content-Transfer-Encoding"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Matches("^[A-Za-z0-9+/]+=*$", body);
    }

    [Fact]
    public async Task A_problem_answer_has_a_length_too()
    {
        using var client = Client();
        using var content = new ByteArrayContent("MIIB"u8.ToArray());
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pkcs10");

        using var response = await client.PostAsync(new Uri(_site.BaseAddress, ".well-known/est/simpleenroll"), content, default);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotNull(response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("wrapped-crlf-with-transfer-encoding")]
    [InlineData("wrapped-lf")]
    [InlineData("der")]
    public async Task The_server_takes_a_request_with_or_without_line_breaks_and_the_old_header_or_as_der(string form)
    {
        using var client = Client();
        using var issuance = await client.PostAsJsonAsync(new Uri(_site.BaseAddress, "center/v1/issuance"), new { loginId = "demo01", password = Password });
        var ticket = TicketOf(await issuance.Content.ReadFromJsonAsync<JsonElement>());
        var (request, _) = await RequestAsync(ticket.Subject, "ec", "ec_paramgen_curve:P-256", form);
        var der = await File.ReadAllBytesAsync(request);
        var base64 = Convert.ToBase64String(der);
        var lines = string.Join("\n", base64.Chunk(64).Select(c => new string(c)));
        using var content = new ByteArrayContent(form switch
        {
            "der" => der,
            "wrapped-crlf-with-transfer-encoding" => Encoding.ASCII.GetBytes(lines.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n"),
            "wrapped-lf" => Encoding.ASCII.GetBytes(lines + "\n"),
            _ => Encoding.ASCII.GetBytes(base64),
        });
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pkcs10");
        if (form.EndsWith("with-transfer-encoding", StringComparison.Ordinal))
        {
            content.Headers.TryAddWithoutValidation("Content-Transfer-Encoding", "base64");
        }

        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(_site.BaseAddress, ".well-known/est/simpleenroll")) { Content = content };
        message.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(ticket.UserPass)));
        using var response = await client.SendAsync(message);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var issued = CertPlatform.Infrastructure.Est.CertsOnly.Read(await response.Content.ReadAsStringAsync());
        Assert.Single(issued);
    }

    [Fact]
    public async Task The_crl_verifies_against_the_sandbox_root()
    {
        using var client = Client();
        var crl = Path.Combine(_work, "sandbox.crl");
        await File.WriteAllBytesAsync(crl, await client.GetByteArrayAsync(new Uri(_site.BaseAddress, SandboxCrl.HttpsPath.TrimStart('/'))));

        var (code, output) = await ExternalTool.Run("openssl", "crl", "-inform", "DER", "-in", crl, "-CAfile", Root, "-noout");

        Assert.True(code == 0, output);
        Assert.Contains("verify OK", output, StringComparison.Ordinal);
    }

    private async Task<(string Certificate, string Key)> EnrollAsync(string loginId, string algorithm, string parameter)
    {
        using var client = Client();
        using var issuance = await client.PostAsJsonAsync(new Uri(_site.BaseAddress, "center/v1/issuance"), new { loginId, password = Password });
        Assert.Equal(HttpStatusCode.OK, issuance.StatusCode);
        var ticket = TicketOf(await issuance.Content.ReadFromJsonAsync<JsonElement>());
        var (request, key) = await RequestAsync(ticket.Subject, algorithm, parameter, "issued");

        var certificate = Path.Combine(_work, $"issued-{Guid.NewGuid():N}.pem");
        var (code, output) = await PkiEnroll(certificate, "--est", "--url", Url, "--in", request, "--cacert", Root, "--userpass", ticket.UserPass, "--outform", "pem");
        Assert.True(code == 0, output);
        return (certificate, key);
    }

    /// <summary>The center's renewal: the password over TLS client authentication with the current certificate, then the token's code.</summary>
    private async Task<Ticket> RenewalTicketAsync(string certificate, string key)
    {
        using var current = X509Certificate2.CreateFromPemFile(certificate, key);
        using var client = Client(current);
        using var begun = await client.PostAsJsonAsync(new Uri(_site.BaseAddress, "center/v1/renewals"), new { password = Password });
        var renewal = await begun.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(begun.StatusCode == HttpStatusCode.OK, renewal.ToString());
        Assert.Equal("otp", renewal.GetProperty("next").GetString());

        var otp = _site.Sandbox.Get<SandboxTokens>().Show("demo01").Code;
        using var verified = await client.PostAsJsonAsync(
            new Uri(_site.BaseAddress, $"center/v1/renewals/{renewal.GetProperty("renewalId").GetString()}/otp"), new { otp });
        var step = await verified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(verified.StatusCode == HttpStatusCode.OK, step.ToString());
        return TicketOf(step);
    }

    private async Task<(string Request, string Key)> RequestAsync(string subject, string algorithm, string parameter, string name)
    {
        var key = Path.Combine(_work, $"{name}-{Guid.NewGuid():N}.key");
        var request = Path.ChangeExtension(key, ".csr");
        var (code, output) = await ExternalTool.Run(
            "openssl", "req", "-new", "-newkey", algorithm, "-pkeyopt", parameter, "-nodes", "-keyout", key,
            "-subj", subject, "-utf8", "-outform", "DER", "-out", request);
        Assert.True(code == 0, output);
        return (request, key);
    }

    private async Task AssertValidClientCertificateAsync(string certificate)
    {
        var (verified, output) = await ExternalTool.Run("openssl", "verify", "-x509_strict", "-purpose", "sslclient", "-CAfile", Root, certificate);
        Assert.True(verified == 0, output);

        var database = Path.Combine(_work, $"nss-{Guid.NewGuid():N}");
        Directory.CreateDirectory(database);
        var nss = "sql:" + database;
        foreach (var step in new[]
        {
            new[] { "-N", "-d", nss, "--empty-password" },
            ["-A", "-d", nss, "-n", "sandbox root", "-t", "CT,C,C", "-i", Root],
            ["-A", "-d", nss, "-n", "customer", "-t", ",,", "-i", certificate],
        })
        {
            var (code, text) = await ExternalTool.Run("certutil", step);
            Assert.True(code == 0, text);
        }

        var (valid, said) = await ExternalTool.Run("certutil", "-V", "-u", "C", "-n", "customer", "-d", nss);
        Assert.True(valid == 0, said);
        Assert.Contains("certificate is valid", said, StringComparison.Ordinal);
    }

    /// <summary>strongSwan's pki, its certificate (PEM on standard output) written to <paramref name="output"/>.</summary>
    private static async Task<(int Code, string Output)> PkiEnroll(string output, params string[] arguments)
    {
        var (code, text) = await ExternalTool.Run("pki", arguments);
        var begin = text.IndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal);
        var end = text.IndexOf("-----END CERTIFICATE-----", StringComparison.Ordinal);
        if (code == 0 && begin >= 0 && end > begin)
        {
            await File.WriteAllTextAsync(output, text[begin..(end + "-----END CERTIFICATE-----".Length)] + "\n");
        }

        return (code, text);
    }

    private static Task<(int Code, string Output)> Pki(params string[] arguments) => ExternalTool.Run("pki", arguments);


    private static Ticket TicketOf(JsonElement answer)
    {
        var ticket = answer.GetProperty("ticket");
        var subject = answer.GetProperty("subject");
        return new Ticket(
            $"{ticket.GetProperty("username").GetString()}:{ticket.GetProperty("password").GetString()}",
            $"/O={subject.GetProperty("organization").GetString()}/OU={subject.GetProperty("organizationalUnit").GetString()}/CN={subject.GetProperty("commonName").GetString()}");
    }

    private HttpClient Client(X509Certificate2? certificate = null) =>
        SandboxHttpsClient.Create(_site.Sandbox.Get<SandboxCaKeys>().PublicCertificate, certificate);

    private sealed record Ticket(string UserPass, string Subject);
}
