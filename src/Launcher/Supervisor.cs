using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Launch;
using CertPlatform.Domain.Updates;

namespace CertPlatform.Launcher;

/// <summary>
/// Starts the newest installed version that works. Each candidate of <see cref="LaunchPlan"/> is started with the
/// launcher's arguments and must answer <c>/api/v1/status</c> with its own version within the start timeout; one that
/// exits first (with a failure code) or stays silent is recorded as failed (<c>launch.json</c>, which the update
/// screen reports as G411e), stopped, and the next one is tried. The packaged app is the last resort and is never
/// recorded. Once a version runs, versions beyond it and the one before it are removed, and the launcher waits for
/// it to exit, passing on a stop signal, and exits with its code.
/// </summary>
internal sealed partial class Supervisor(LauncherSettings settings, HttpClient http, Action<string> log, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a port that is taken but does not answer yet may belong to a helper that is starting.</summary>
    private static readonly TimeSpan StartingGrace = TimeSpan.FromSeconds(5);

    private volatile Process? _child;
    private volatile bool _stopping;

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        // One helper per user and port: a second start (the bank's button again, the Start menu) asks the running
        // one to open its screen and ends; a port held by another program is not a version that failed to start.
        if (await StatusAsync(cancellationToken) is { } running)
        {
            return await HandOverAsync(running, args, cancellationToken);
        }

        if (await SomethingListensAsync(cancellationToken))
        {
            // A helper still starting (the bank's button pressed twice) has bound its port before it answers.
            var deadline = time.GetUtcNow() + StartingGrace;
            while (time.GetUtcNow() < deadline)
            {
                await Task.Delay(PollInterval, time, cancellationToken);
                if (await StatusAsync(cancellationToken) is { } late)
                {
                    return await HandOverAsync(late, args, cancellationToken);
                }
            }

            Log($"{ErrorCatalog.G010e.Code}: {settings.StatusUri.Authority} is in use by another program{PortOwner.Describe(settings.StatusUri.Port)}; not starting. " +
                $"{ErrorCatalog.G010e.Message.Ja} {ErrorCatalog.G010e.Remedy.Ja} / {ErrorCatalog.G010e.Message.En} {ErrorCatalog.G010e.Remedy.En}");
            return ExitCodes.PortInUse;
        }

        var layout = settings.Layout;
        var failures = layout.ReadFailures();
        var candidates = LaunchPlan.Order(
            settings.Packaged, layout.List(), layout.Current, failures, layout.DirectoryOf,
            directory => File.Exists(Path.Combine(directory, settings.AppFileName)));

        FailedStart? lastFailure = null;
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var outcome = await StartAsync(candidate, args, cancellationToken);
            switch (outcome.Kind)
            {
                case StartKind.Ready:
                    if (lastFailure is not null)
                    {
                        // The pointer named a version that does not start; the next start tries this one first.
                        layout.SetCurrent(candidate.Packaged ? null : candidate.Version);
                    }

                    Prune(candidate.Version);
                    Log($"Running version {candidate.Version}.");
                    return await WaitForExitAsync(outcome.Process!);
                case StartKind.Exited when outcome.ExitCode == HelperExitCodes.PortInUse:
                    // Another program took the port between the check and the start: no fault of this version.
                    Log($"{ErrorCatalog.G010e.Code}: version {candidate.Version} found {settings.StatusUri.Authority} in use{PortOwner.Describe(settings.StatusUri.Port)}; not starting.");
                    return ExitCodes.PortInUse;
                case StartKind.Exited when outcome.ExitCode == HelperExitCodes.StartRefused:
                    // Broken trust material or settings: every version would refuse the same; the helper's log says why.
                    Log($"Version {candidate.Version} refused to start (exit code {outcome.ExitCode}); see ApplicationLog.log.");
                    return outcome.ExitCode;
                case StartKind.Exited when candidate.Packaged || outcome.ExitCode == 0 || _stopping:
                    return outcome.ExitCode;
                case StartKind.Exited or StartKind.Silent when !candidate.Packaged:
                    var next = candidates[i + 1];
                    lastFailure = new FailedStart(candidate.Version, next.Version, time.GetUtcNow(), outcome.Reason);
                    layout.RecordFailure(lastFailure);
                    Log($"Version {candidate.Version} did not start ({outcome.Reason}); trying {next.Version}.");
                    break;
                default:
                    Log($"The packaged version {candidate.Version} did not answer in {settings.StartTimeout.TotalSeconds:0} s; it keeps running.");
                    return await WaitForExitAsync(outcome.Process!);
            }
        }

        return ExitCodes.NothingStarted;
    }

    /// <summary>
    /// The running helper is asked, with this user's API token, to open its page at the screen the launch URL names.
    /// A helper that refuses the token is not this user's: the port counts as taken.
    /// </summary>
    private async Task<int> HandOverAsync(SemanticVersion running, string[] args, CancellationToken cancellationToken)
    {
        var screen = LaunchUrl.Find(args, settings.UrlScheme) ?? HelperScreen.Main;
        string token;
        try
        {
            token = (await File.ReadAllTextAsync(settings.ApiTokenFile, cancellationToken)).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log($"CertPlatform {running} answers at {settings.StatusUri.Authority}, but this user's API token cannot be read ({ex.GetType().Name}); not starting another.");
            return ExitCodes.PortInUse;
        }

        // A connection the helper closed as it was reused, or reset while the helper is busy starting, is worth another
        // try: the worst a repeated request does is open the page twice, better than not at all.
        const int attempts = 3;
        var open = new Uri(settings.StatusUri, "/api/v1/open");
        var body = new JsonObject { ["screen"] = screen.ToString().ToUpperInvariant() }.ToJsonString();
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            // A message is sent once, so each attempt has its own; a body of known length: the helper reads it either
            // way, simpler servers in front of it may not chunked ones.
            using var request = new HttpRequestMessage(HttpMethod.Post, open)
            {
                Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    Log($"CertPlatform {running} already runs at {settings.StatusUri.Authority}; asked it to open its {screen} screen.");
                    return 0;
                }

                Log($"{ErrorCatalog.G010e.Code}: a helper at {settings.StatusUri.Authority} refused this user's API token ({(int)response.StatusCode}); not starting another.");
                return ExitCodes.PortInUse;
            }
            catch (HttpRequestException ex)
            {
                Log($"CertPlatform {running} at {settings.StatusUri.Authority} did not take the request ({ex.HttpRequestError}, attempt {attempt} of {attempts}){(attempt < attempts ? "; trying again." : "; not starting another.")}");
            }

            if (attempt < attempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
            }
        }

        return ExitCodes.PortInUse;
    }

    private async Task<bool> SomethingListensAsync(CancellationToken cancellationToken)
    {
        using var client = new System.Net.Sockets.TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await client.ConnectAsync(settings.StatusUri.Host.Trim('[', ']'), settings.StatusUri.Port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    /// <summary>Stops the running version (a stop signal to the launcher).</summary>
    public void Stop()
    {
        _stopping = true;
        if (_child is { HasExited: false } child)
        {
            Terminate(child);
        }
    }

    private async Task<StartOutcome> StartAsync(LaunchCandidate candidate, string[] args, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path.Combine(candidate.Directory, settings.AppFileName))
        {
            UseShellExecute = false,
            WorkingDirectory = candidate.Directory,
        };
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new StartOutcome(StartKind.Exited, null, -1, $"could not be started: {ex.GetType().Name}");
        }

        _child = process;
        Log($"Started version {candidate.Version} from {candidate.Directory} (process {process.Id}).");
        var deadline = time.GetUtcNow() + settings.StartTimeout;
        while (time.GetUtcNow() < deadline)
        {
            if (process.HasExited)
            {
                return new StartOutcome(StartKind.Exited, process, process.ExitCode,
                    string.Create(CultureInfo.InvariantCulture, $"exited with code {process.ExitCode} before it answered"));
            }

            if (await StatusAsync(cancellationToken) is { } version)
            {
                if (version == candidate.Version)
                {
                    Log($"Version {candidate.Version} answers at {settings.StatusUri}.");
                    return new StartOutcome(StartKind.Ready, process, 0, "ready");
                }

                Log($"{settings.StatusUri} answers with version {version}, not {candidate.Version}.");
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }

        if (candidate.Packaged)
        {
            return new StartOutcome(StartKind.Silent, process, 0, "did not answer in time");
        }

        Terminate(process);
        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None)
            .ContinueWith(_ => { }, TaskScheduler.Default);
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        return new StartOutcome(StartKind.Silent, process, -1,
            string.Create(CultureInfo.InvariantCulture, $"did not answer /api/v1/status within {settings.StartTimeout.TotalSeconds:0} s"));
    }

    private async Task<int> WaitForExitAsync(Process process)
    {
        await process.WaitForExitAsync(CancellationToken.None);
        Log($"Version exited with code {process.ExitCode}.");
        return process.ExitCode;
    }

    /// <summary>The version the helper on the port reports; null when nothing answers.</summary>
    private async Task<SemanticVersion?> StatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var response = await http.GetAsync(settings.StatusUri, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            var status = document.RootElement;
            return status.ValueKind == JsonValueKind.Object && status.TryGetProperty("version", out var version) && SemanticVersion.TryParse(version.GetString(), out var parsed) ? parsed : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException or InvalidOperationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
    }

    private void Prune(SemanticVersion started)
    {
        var layout = settings.Layout;
        foreach (var version in LaunchPlan.Obsolete(started, layout.List(), layout.ReadFailures()))
        {
            try
            {
                Directory.Delete(layout.DirectoryOf(version), recursive: true);
                Log($"Removed the old version {version}.");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Log($"Could not remove version {version}: {ex.GetType().Name}.");
            }
        }
    }

    private static void Terminate(Process process)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return;
        }

        // SIGTERM: the helper stops as it does for Ctrl+C (its shutdown runs); SIGKILL only if that is not possible.
        if (Kill(process.Id, 15) != 0)
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private void Log(string message)
    {
        log(string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyy-MM-dd'T'HH:mm:ss.fff'Z'} launcher: {message}"));
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private enum StartKind
    {
        Ready,
        Exited,
        Silent,
    }

    private sealed record StartOutcome(StartKind Kind, Process? Process, int ExitCode, string Reason);
}
