using CertPlatform.Domain.Errors;
using Mediator;

namespace CertPlatform.Application.Updates.Download;

/// <summary>
/// The user pressed 「ダウンロード」: check the feed again (a fresh, verified manifest), then download this
/// platform's package in the background. The answer is the progress so far; poll <see cref="GetUpdateDownload"/>.
/// </summary>
public sealed record DownloadUpdate : ICommand<DownloadProgress>;

public sealed class DownloadUpdateHandler(UpdateChecker checker, UpdateDownload download) : ICommandHandler<DownloadUpdate, DownloadProgress>
{
    public async ValueTask<DownloadProgress> Handle(DownloadUpdate command, CancellationToken cancellationToken)
    {
        var check = await checker.CheckAsync(cancellationToken);
        if (check.Manifest is null || !check.Manifest.IsNewerThan(check.Installed))
        {
            throw new CertPlatformException(ErrorCatalog.G410e);
        }

        var package = check.Package ?? throw new CertPlatformException(ErrorCatalog.G406e);
        return download.Start(check.Manifest.Version, package);
    }
}

/// <summary>The progress bar's poll.</summary>
public sealed record GetUpdateDownload : IQuery<DownloadProgress>;

public sealed class GetUpdateDownloadHandler(UpdateDownload download) : IQueryHandler<GetUpdateDownload, DownloadProgress>
{
    public ValueTask<DownloadProgress> Handle(GetUpdateDownload query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(download.Progress);
}
