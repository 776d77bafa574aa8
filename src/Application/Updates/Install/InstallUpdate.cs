using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;
using Mediator;

namespace CertPlatform.Application.Updates.Install;

/// <summary>
/// The user pressed 「インストール」: install the downloaded version next to the running one. As in the manual,
/// the helper does not restart itself; the answer tells the user to restart it.
/// </summary>
public sealed record InstallUpdate : ICommand<InstalledUpdate>;

public sealed record InstalledUpdate(string InstalledVersion, bool RestartRequired);

public sealed class InstallUpdateHandler(Download.UpdateDownload download, IUpdateInstaller installer, RunningVersion running)
    : ICommandHandler<InstallUpdate, InstalledUpdate>
{
    public async ValueTask<InstalledUpdate> Handle(InstallUpdate command, CancellationToken cancellationToken)
    {
        var staged = download.Staged ?? throw new CertPlatformException(ErrorCatalog.G409e);
        try
        {
            // Not the request's token: a closed browser tab must not stop an install halfway.
            var installed = await installer.InstallAsync(staged, CancellationToken.None);
            return new InstalledUpdate(installed.ToString(), RestartRequired: installed != running.Value);
        }
        catch (CertPlatformException ex) when (ex.Error == ErrorCatalog.G407e)
        {
            // The staged file changed since it was checked: it must be downloaded again.
            download.Discard();
            throw;
        }
    }
}
