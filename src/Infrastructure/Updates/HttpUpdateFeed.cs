using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure.Updates;

/// <summary>
/// The update feed over HTTP(S): manifest.json and manifest.json.sig at <c>Updates:FeedUrl</c>, packages at the
/// URLs the manifest names (relative ones next to the manifest). Packages are streamed to
/// <c>updates/staging/&lt;sha256&gt;/</c> in the data directory and resumed with a Range request after a cut.
/// </summary>
public sealed class HttpUpdateFeed(
    IHttpClientFactory clients,
    IOptions<UpdateOptions> options,
    HelperPaths paths,
    ILogger<HttpUpdateFeed> logger) : IUpdateFeed
{
    public const string ClientName = "CertPlatform.Updates";

    private const int BufferSize = 81920;
    private static readonly TimeSpan ManifestTimeout = TimeSpan.FromSeconds(30);

    public string StagingDirectory => Path.Combine(paths.DataDirectory, "updates", "staging");

    public async Task<SignedManifest> FetchManifestAsync(CancellationToken cancellationToken)
    {
        var manifestUrl = options.Value.FeedUri;
        var signatureUrl = new UriBuilder(manifestUrl) { Path = manifestUrl.AbsolutePath + ManifestSignature.FileSuffix }.Uri;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ManifestTimeout);
        try
        {
            var manifest = await GetSmallAsync(manifestUrl, UpdateManifestJson.MaxBytes, timeout.Token);
            if (manifest is null)
            {
                logger.LogWarning("The update feed has no manifest at {Url}", manifestUrl);
                throw new CertPlatformException(ErrorCatalog.G003e);
            }

            if (manifest.Length > UpdateManifestJson.MaxBytes)
            {
                logger.LogWarning("The update manifest at {Url} is larger than {Max} bytes", manifestUrl, UpdateManifestJson.MaxBytes);
                throw new CertPlatformException(ErrorCatalog.G403e);
            }

            // No .sig file is an unsigned manifest (G401e), not an unreachable feed.
            var signature = await GetSmallAsync(signatureUrl, ManifestSignature.MaxBytes, timeout.Token);
            return new SignedManifest(manifest, signature);
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("The update feed at {Url} cannot be reached: {Error}", manifestUrl, ex.HttpRequestError);
            throw new CertPlatformException(ErrorCatalog.G003e, innerException: ex);
        }
        catch (IOException ex)
        {
            logger.LogWarning("The update feed at {Url} broke off: {ExceptionType}", manifestUrl, ex.GetType().Name);
            throw new CertPlatformException(ErrorCatalog.G003e, innerException: ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The update feed at {Url} did not answer within {Seconds} s", manifestUrl, ManifestTimeout.TotalSeconds);
            throw new CertPlatformException(ErrorCatalog.G003e, innerException: ex);
        }
    }

    public async Task<StagedPackage> DownloadAsync(
        SemanticVersion version, UpdatePackage package, IProgress<long> bytesReceived, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(bytesReceived);
        var url = package.Url.IsAbsoluteUri ? package.Url : new Uri(options.Value.FeedUri, package.Url);
        var directory = Path.Combine(StagingDirectory, package.Sha256);
        var staged = Path.Combine(directory, "package" + PackageExtension(url));
        var partial = staged + ".part";
        PrivateFiles.CreateDirectory(directory);
        RemoveOtherStagedPackages(directory);

        if (File.Exists(staged))
        {
            if (await MatchesAsync(staged, package, cancellationToken))
            {
                bytesReceived.Report(package.Size);
                return new StagedPackage(version, package, staged);
            }

            File.Delete(staged);
        }

        try
        {
            // A second round only when the server would not continue the part we have (416, another range).
            for (var round = 0; ; round++)
            {
                var outcome = await ReceiveAsync(url, package, partial, bytesReceived, cancellationToken);
                if (outcome == Received.Complete)
                {
                    break;
                }

                File.Delete(partial);
                if (round > 0)
                {
                    logger.LogWarning("The package server at {Url} does not serve the package consistently", url);
                    throw new CertPlatformException(ErrorCatalog.G002e);
                }
            }
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("The package download from {Url} failed: {Error}", url, ex.HttpRequestError);
            throw new CertPlatformException(ErrorCatalog.G002e, innerException: ex);
        }
        catch (IOException ex)
        {
            // What arrived stays in the .part file; the next attempt asks for the rest.
            logger.LogWarning("The package download from {Url} broke off: {ExceptionType}", url, ex.GetType().Name);
            throw new CertPlatformException(ErrorCatalog.G002e, innerException: ex);
        }

        if (!await MatchesAsync(partial, package, cancellationToken))
        {
            File.Delete(partial);
            logger.LogWarning("The package from {Url} does not have the SHA-256 the manifest names", url);
            throw new CertPlatformException(ErrorCatalog.G407e);
        }

        File.Move(partial, staged, overwrite: true);
        return new StagedPackage(version, package, staged);
    }

    private enum Received
    {
        Complete,
        StartOver,
    }

    private async Task<Received> ReceiveAsync(
        Uri url, UpdatePackage package, string partial, IProgress<long> bytesReceived, CancellationToken cancellationToken)
    {
        var offset = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (offset > package.Size)
        {
            return Received.StartOver;
        }

        if (offset == package.Size)
        {
            bytesReceived.Report(offset);
            return Received.Complete;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (offset > 0)
        {
            request.Headers.Range = new RangeHeaderValue(offset, null);
        }

        using var client = clients.CreateClient(ClientName);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return Received.StartOver;
        }

        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("The package server at {Url} answered {Status}", url, (int)response.StatusCode);
            throw new CertPlatformException(ErrorCatalog.G002e);
        }

        long start = 0;
        if (response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Content.Headers.ContentRange;
            if (range is null || range.From != offset || (range.Length is { } total && total != package.Size))
            {
                return Received.StartOver;
            }

            start = offset;
            logger.LogInformation("Resuming the package download at byte {Offset} of {Size}", offset, package.Size);
        }
        else if (response.Content.Headers.ContentLength is { } length && length != package.Size)
        {
            logger.LogWarning("The package at {Url} is {Length} bytes, the manifest says {Size}", url, length, package.Size);
            throw new CertPlatformException(ErrorCatalog.G407e);
        }

        var received = await CopyAsync(response, partial, start, package.Size, bytesReceived, cancellationToken);
        if (received < package.Size)
        {
            logger.LogWarning("The package download from {Url} was cut at {Received} of {Size} bytes", url, received, package.Size);
            throw new CertPlatformException(ErrorCatalog.G002e);
        }

        return Received.Complete;
    }

    private async Task<long> CopyAsync(
        HttpResponseMessage response, string partial, long start, long size, IProgress<long> bytesReceived, CancellationToken cancellationToken)
    {
        var idle = TimeSpan.FromSeconds(options.Value.DownloadIdleTimeoutSeconds);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var received = start;
        try
        {
            await using var file = new FileStream(partial, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
            file.SetLength(start);
            file.Position = start;
            bytesReceived.Report(received);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            while (true)
            {
                int read;
                using (var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    stalled.CancelAfter(idle);
                    try
                    {
                        read = await body.ReadAsync(buffer.AsMemory(0, BufferSize), stalled.Token);
                    }
                    catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        throw new IOException("The package server stopped sending.", ex);
                    }
                }

                if (read == 0)
                {
                    return received;
                }

                if (received + read > size)
                {
                    await file.DisposeAsync();
                    File.Delete(partial);
                    logger.LogWarning("The package is larger than the {Size} bytes the manifest says", size);
                    throw new CertPlatformException(ErrorCatalog.G407e);
                }

                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                received += read;
                bytesReceived.Report(received);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<byte[]?> GetSmallAsync(Uri url, int maxBytes, CancellationToken cancellationToken)
    {
        using var client = clients.CreateClient(ClientName);
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("The update feed answered {Status} for {Url}", (int)response.StatusCode, url);
            throw new CertPlatformException(ErrorCatalog.G003e);
        }

        // One byte over the limit is enough to know it is too large.
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var content = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while (content.Length <= maxBytes && (read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            content.Write(buffer, 0, read);
        }

        return content.ToArray();
    }

    private static async Task<bool> MatchesAsync(string path, UpdatePackage package, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        if (file.Length != package.Size)
        {
            return false;
        }

        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        return CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(package.Sha256));
    }

    /// <summary>Only the two kinds the installer knows; anything else is taken for a zip.</summary>
    private static string PackageExtension(Uri url) =>
        string.Equals(Path.GetExtension(url.AbsolutePath), ".msi", StringComparison.OrdinalIgnoreCase) ? ".msi" : ".zip";

    private void RemoveOtherStagedPackages(string keep)
    {
        foreach (var directory in Directory.EnumerateDirectories(StagingDirectory))
        {
            if (!string.Equals(directory, keep, StringComparison.Ordinal))
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException ex)
                {
                    logger.LogInformation("Could not remove the old staged package {Directory}: {ExceptionType}", directory, ex.GetType().Name);
                }
            }
        }
    }
}
