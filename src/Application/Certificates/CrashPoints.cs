using System.Diagnostics;

namespace CertPlatform.Application.Certificates;

/// <summary>
/// Named moments of an install at which the tests stop the helper with SIGKILL, the way a crash or a cut power line
/// would: set <c>CERTPLATFORM_TEST_CRASH_AT</c> to one of the names. Unset (always, outside the crash tests) this does
/// nothing. Only the user who starts the helper sets its environment, and all it can do is end that user's own helper.
/// </summary>
public static class CrashPoints
{
    public const string Variable = "CERTPLATFORM_TEST_CRASH_AT";

    /// <summary>The CA has issued the certificate; nothing is written yet.</summary>
    public const string AfterCa = "after-ca";

    /// <summary>The pending-install record is written; the store is not touched yet.</summary>
    public const string AfterPendingRecord = "after-pending-record";

    /// <summary>The store has the certificate; the pending-install record is not closed yet.</summary>
    public const string AfterStoreAdd = "after-store-add";

    private static readonly string? Armed = Environment.GetEnvironmentVariable(Variable);

    public static void Reach(string point)
    {
        if (Armed is not null && string.Equals(Armed, point, StringComparison.Ordinal))
        {
            using var self = Process.GetCurrentProcess();
            self.Kill();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
