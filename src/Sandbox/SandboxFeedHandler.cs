using System.Net;
using System.Net.Http.Headers;

namespace CertPlatform.Sandbox;

/// <summary>
/// Carries the helper's update requests to the sandbox feed in-process, answering as the HTTP endpoints do
/// (404 for an unknown file, 206 for a Range), so the real HTTP feed client runs unchanged against it.
/// </summary>
public sealed class SandboxFeedHandler(SandboxUpdateFeed feed) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri?.AbsolutePath ?? string.Empty;
        var file = request.Method == HttpMethod.Get && path.StartsWith(SandboxUpdateFeed.BasePath, StringComparison.Ordinal)
            ? feed.Find(path[SandboxUpdateFeed.BasePath.Length..])
            : null;
        if (file is null)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound) { RequestMessage = request });
        }

        var from = request.Headers.Range?.Ranges.Count == 1 ? request.Headers.Range.Ranges.First().From : null;
        if (from is null or 0)
        {
            return Task.FromResult(Answer(request, HttpStatusCode.OK, file.Content, file.ContentType));
        }

        if (from >= file.Content.Length)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.RequestedRangeNotSatisfiable) { RequestMessage = request });
        }

        var response = Answer(request, HttpStatusCode.PartialContent, file.Content[(int)from.Value..], file.ContentType);
        response.Content.Headers.ContentRange = new ContentRangeHeaderValue(from.Value, file.Content.Length - 1, file.Content.Length);
        return Task.FromResult(response);
    }

    private static HttpResponseMessage Answer(HttpRequestMessage request, HttpStatusCode status, byte[] content, string contentType)
    {
        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new ByteArrayContent(content) };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return response;
    }
}
