using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Launch;
using Microsoft.AspNetCore.Connections;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// Kestrel could not bind because something already listens on the helper's address: most often the helper itself,
/// started a second time. Said once, in both languages, with what to do, instead of an unhandled exception's trace.
/// </summary>
public static class PortInUse
{
    public static bool IsCause(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is AddressInUseException)
            {
                return true;
            }
        }

        return false;
    }

    /// <returns>The exit code: <see cref="HelperExitCodes.PortInUse"/>.</returns>
    public static int Report(ILogger logger, IEnumerable<string> urls)
    {
        var where = string.Join(", ", urls);
        var error = ErrorCatalog.G010e;
        logger.LogCritical(
            new EventId(1010, "PortInUse"),
            "{Code}: {Urls} is in use by another program; not starting. If CertPlatform already runs, open {Urls} in the browser; " +
            "to run a second helper, give it another port (--urls http://127.0.0.1:<port>) and its own data folder. {MessageJa} {MessageEn}",
            error.Code, where, where, error.Message.Ja, error.Message.En);
        return HelperExitCodes.PortInUse;
    }
}
