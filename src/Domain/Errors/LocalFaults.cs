namespace CertPlatform.Domain.Errors;

/// <summary>
/// Faults of this PC's own disk and files that the user can act on: a full disk (G260e), a folder or file that
/// cannot be written (G261e), a data file that is not what it should be (G262e). Anything else is not classified here.
/// </summary>
public static class LocalFaults
{
    // errno: ENOSPC 28, EROFS 30, EDQUOT 122 (Linux) / 69 (macOS). Windows: ERROR_DISK_FULL, ERROR_HANDLE_DISK_FULL, ERROR_WRITE_PROTECT.
    private const int Enospc = 28;
    private const int Erofs = 30;
    private static readonly int Edquot = OperatingSystem.IsMacOS() ? 69 : 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);
    private const int WindowsWriteProtect = unchecked((int)0x80070013);

    /// <summary>The catalog entry for a local fault anywhere in the exception's chain, or null.</summary>
    public static CatalogError? Classify(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case CertPlatformException known when known.Error.Code is "G260e" or "G261e" or "G262e":
                    return known.Error;
                case UnauthorizedAccessException:
                    return ErrorCatalog.G261e;
                case IOException io when IsDiskFull(io.HResult):
                    return ErrorCatalog.G260e;
                case IOException io when io.HResult is Erofs or WindowsWriteProtect:
                    return ErrorCatalog.G261e;
            }
        }

        return null;
    }

    public static bool IsDiskFull(int hresult) =>
        hresult == Enospc || hresult == Edquot || hresult is WindowsDiskFull or WindowsHandleDiskFull;
}
