using System.Runtime.InteropServices;
using CertPlatform.Launcher;

// The stable entry point the package installs (the Start menu, the .desktop file, the .app, the URL scheme): it
// starts the newest installed version that works, falling back to the one that came with the package.
LauncherSettings settings;
try
{
    settings = LauncherSettings.From(args, AppContext.BaseDirectory);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine($"CertPlatform launcher: {ex.Message}");
    return ExitCodes.BadSettings;
}

var logLock = new Lock();
void Log(string line)
{
    lock (logLock)
    {
        Console.Error.WriteLine(line);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(settings.LogFile)!);
            File.AppendAllText(settings.LogFile, line + Environment.NewLine);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The console line is enough; the helper's own log says the rest.
        }
    }
}

// Loopback only, never through a proxy. A helper configured for https on loopback has its own certificate: the
// launcher only asks it for its version, which trusts nothing it says.
using var http = new HttpClient(new SocketsHttpHandler
{
    UseProxy = false,
    SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => settings.StatusUri.IsLoopback },
});
var supervisor = new Supervisor(settings, http, Log, TimeProvider.System);
void OnSignal(PosixSignalContext context)
{
    // The launcher stays until the helper has stopped, and exits with its code.
    context.Cancel = true;
    supervisor.Stop();
}

using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
return await supervisor.RunAsync(args, CancellationToken.None);
