using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Updates.Download;

public enum DownloadState
{
    Idle,
    Downloading,
    Completed,
    Failed,
}

/// <summary>Where the download stands, for the progress bar.</summary>
/// <param name="Outcome">G007i when completed; the failure's code (G002e, G407e, …) when failed.</param>
public sealed record DownloadProgress(DownloadState State, long BytesReceived, long TotalBytes, string? Version, CatalogError? Outcome);

/// <summary>
/// The one download of an update the helper runs at a time, in the background: the API starts it and polls
/// its progress. A download that failed is started again by the next request and resumes where it stopped.
/// </summary>
public sealed class UpdateDownload(IUpdateFeed feed, ILogger<UpdateDownload> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private DownloadState _state = DownloadState.Idle;
    private long _received;
    private long _total;
    private SemanticVersion? _version;
    private UpdatePackage? _package;
    private CatalogError? _outcome;
    private StagedPackage? _staged;
    private Task _work = Task.CompletedTask;

    public DownloadProgress Progress
    {
        get
        {
            lock (_gate)
            {
                return Snapshot();
            }
        }
    }

    /// <summary>The package ready to install, once a download completed.</summary>
    public StagedPackage? Staged
    {
        get
        {
            lock (_gate)
            {
                return _staged;
            }
        }
    }

    /// <summary>Completes when the current download has finished one way or the other (for tests and shutdown).</summary>
    public Task Settled
    {
        get
        {
            lock (_gate)
            {
                return _work;
            }
        }
    }

    /// <summary>
    /// Starts downloading a package unless that very package is already on its way or downloaded. A running
    /// download of another package is left alone: one at a time.
    /// </summary>
    public DownloadProgress Start(SemanticVersion version, UpdatePackage package)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(package);
        lock (_gate)
        {
            var same = _package is not null && string.Equals(_package.Sha256, package.Sha256, StringComparison.Ordinal) && version == _version;
            if (_state == DownloadState.Downloading || (_state == DownloadState.Completed && same))
            {
                return Snapshot();
            }

            _state = DownloadState.Downloading;
            Interlocked.Exchange(ref _received, 0);
            _total = package.Size;
            _version = version;
            _package = package;
            _outcome = null;
            _staged = null;
            var stopping = _stopping.Token;
            _work = Task.Run(() => RunAsync(version, package, stopping), CancellationToken.None);
            return Snapshot();
        }
    }

    /// <summary>Forgets a downloaded package that no longer matches its hash, so the next download fetches it anew.</summary>
    public void Discard()
    {
        lock (_gate)
        {
            if (_state != DownloadState.Downloading)
            {
                _state = DownloadState.Idle;
                _staged = null;
                _outcome = null;
                Interlocked.Exchange(ref _received, 0);
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task RunAsync(SemanticVersion version, UpdatePackage package, CancellationToken cancellationToken)
    {
        logger.LogInformation("Downloading version {Version} ({Bytes} bytes)", version, package.Size);
        try
        {
            var staged = await feed.DownloadAsync(version, package, new Reporter(this), cancellationToken);
            Finish(DownloadState.Completed, ErrorCatalog.G007i, staged);
            logger.LogInformation("Downloaded version {Version} to the staging folder [{Code}]", version, ErrorCatalog.G007i.Code);
        }
        catch (CertPlatformException ex)
        {
            Finish(DownloadState.Failed, ex.Error, null);
            logger.LogWarning("The download of version {Version} failed with {Code} after {Bytes} bytes", version, ex.Error.Code, Interlocked.Read(ref _received));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Finish(DownloadState.Failed, ErrorCatalog.G002e, null);
        }
        catch (Exception ex)
        {
            Finish(DownloadState.Failed, ErrorCatalog.G002e, null);
            logger.LogError(ex, "The download of version {Version} failed with {ExceptionType}", version, ex.GetType().Name);
        }
    }

    private DownloadProgress Snapshot() =>
        new(_state, Interlocked.Read(ref _received), _total, _version?.ToString(), _outcome);

    private void Finish(DownloadState state, CatalogError outcome, StagedPackage? staged)
    {
        lock (_gate)
        {
            _state = state;
            _outcome = outcome;
            _staged = staged;
        }
    }

    /// <summary>Progress straight into the fields: <see cref="Progress{T}"/> would post to a context and lag.</summary>
    private sealed class Reporter(UpdateDownload download) : IProgress<long>
    {
        public void Report(long value) => Interlocked.Exchange(ref download._received, value);
    }
}
