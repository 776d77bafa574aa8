using CertPlatform.Domain.Errors;
using CertPlatform.LocalHost.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Security;

/// <summary>
/// No request body above <see cref="RequestLimitOptions.MaxRequestBodyBytes"/> (64 KiB; the largest real body is
/// a few hundred bytes): a declared Content-Length above it is refused before anything is read, a chunked body
/// is cut off where it crosses it. Kestrel enforces the limit itself (<c>IHttpMaxRequestBodySizeFeature</c>);
/// a server without that feature (the in-memory test server) gets a counting body. Either way the answer is
/// 413 G304e: minimal APIs only set the status when the body read fails, so the problem is written here.
/// <para>
/// A body must also arrive within <see cref="RequestLimitOptions.RequestBodySeconds"/>: it is read here, whole, before
/// the endpoint runs, and one that does not arrive in time is 408 G308e as problem+json. Kestrel's own minimum data
/// rate is switched off for this (<see cref="LocalApiSecurity"/>): its timeout answered a bare 408 with an empty body,
/// written before any middleware could say what happened (seen under 100 parallel issuances on two cores).
/// </para>
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, IOptions<RequestLimitOptions> options, ILogger<RequestBodyLimit> logger)
{
    private readonly long _limit = options.Value.MaxRequestBodyBytes;
    private readonly TimeSpan _deadline = TimeSpan.FromSeconds(options.Value.RequestBodySeconds);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
        {
            await RefuseAsync(context);
            return;
        }

        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = _limit;
        }
        else if (sizeFeature is null)
        {
            context.Request.Body = new CappedRequestBody(context.Request.Body, _limit);
        }

        if (HasBody(context) && !await ReadBodyInTimeAsync(context))
        {
            return;
        }

        await next(context);

        if (context.Response.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await RefuseAsync(context);
        }
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>() is { } detection
            ? detection.CanHaveBody && context.Request.ContentLength is not 0
            : context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0;

    /// <summary>The whole body, read under the deadline into memory (it is at most the limit); false when it was answered here.</summary>
    private async Task<bool> ReadBodyInTimeAsync(HttpContext context)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        deadline.CancelAfter(_deadline);
        var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, deadline.Token);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            logger.LogWarning(new EventId(3009, "BodyTimeout"), "Refused {Method} {Path}: the body did not arrive within {Deadline}",
                context.Request.Method, context.Request.Path, _deadline);
            await CatalogProblem.WriteAsync(context, ErrorCatalog.G308e);
            return false;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await RefuseAsync(context);
            return false;
        }

        buffer.Position = 0;
        context.Request.Body = buffer;
        context.Response.RegisterForDispose(buffer);
        return true;
    }

    private async Task RefuseAsync(HttpContext context)
    {
        logger.LogWarning(new EventId(3008, "BodyTooLarge"), "Refused {Method} {Path}: the body is larger than {Limit} bytes",
            context.Request.Method, context.Request.Path, _limit);
        await CatalogProblem.WriteAsync(context, ErrorCatalog.G304e);
    }

    /// <summary>A request body that fails the read which crosses the limit, as Kestrel's own does.</summary>
    private sealed class CappedRequestBody(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit
                ? throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge)
                : read;
        }
    }
}
