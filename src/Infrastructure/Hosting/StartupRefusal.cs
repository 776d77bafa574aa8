using CertPlatform.Domain.Errors;

namespace CertPlatform.Infrastructure.Hosting;

/// <summary>
/// The helper will not start, for a reason the user or support staff can act on (a file to restore, a setting to
/// give, a disk to free): the start says it in one line and exits with <see cref="ExitCode"/>, without a stack trace.
/// The message names paths and settings, never a secret; <see cref="Error"/>, when given, adds the catalog's code and
/// its ja/en text.
/// </summary>
public sealed class StartupRefusal(string message, CatalogError? error = null) : Exception(message)
{
    /// <summary>The exit code of a refused start (the launcher's "bad settings").</summary>
    public const int ExitCode = Domain.Launch.HelperExitCodes.StartRefused;

    public CatalogError? Error { get; } = error;

    /// <summary>The one line the start prints: the code and its texts first, when there is one.</summary>
    public string Line => Error is { } e ? $"{e.Code}: {Message} {e.Message.Ja} {e.Message.En} {e.Remedy.En}" : Message;

    /// <summary>A file or folder of the data folder that cannot be used, said with the catalog's code for the fault.</summary>
    public static StartupRefusal ForPath(string what, string path, Exception cause)
    {
        var error = LocalFaults.Classify(cause) ?? ErrorCatalog.G261e;
        var reason = error == ErrorCatalog.G260e ? "the disk is full"
            : error == ErrorCatalog.G262e ? "it is not what it should be"
            : "it cannot be written";
        var detail = InnermostMessage(cause);
        return new StartupRefusal($"{what} {path} cannot be used: {reason} ({detail}).", error);
    }

    /// <summary>
    /// Opens a database of the data folder now (<paramref name="open"/>); one that cannot be used refuses the start,
    /// naming it, with its fault's code and what to do (<paramref name="remedy"/>).
    /// </summary>
    public static void RequireDatabase(string what, string path, Action open, string remedy)
    {
        try
        {
            open();
        }
        catch (CertPlatformException ex) when (LocalFaults.Classify(ex) is not null)
        {
            throw new StartupRefusal($"{what} {path} cannot be used ({ex.InnerException?.Message}). {remedy}", ex.Error);
        }
    }

    private static string InnermostMessage(Exception exception)
    {
        var e = exception;
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e.Message;
    }
}
