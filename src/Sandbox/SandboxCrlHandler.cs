using System.Net;
using System.Net.Http.Headers;

namespace CertPlatform.Sandbox;

/// <summary>
/// Carries the helper's CRL requests to the sandbox CA in-process in Embedded mode, answering as the HTTP endpoints
/// do, so the same CRL reader runs unchanged against it (as <see cref="SandboxFeedHandler"/> does for updates).
/// </summary>
public sealed class SandboxCrlHandler(SandboxCrl crl) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        if (request.Method != HttpMethod.Get || !(path == SandboxCrl.HelperPath || path == SandboxCrl.HttpsPath))
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
        }

        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(crl.Current()) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(SandboxCrl.ContentType);
        return Task.FromResult(response);
    }
}
