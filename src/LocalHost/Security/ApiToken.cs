using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using CertPlatform.Infrastructure.Hosting;

namespace CertPlatform.LocalHost.Security;

/// <summary>
/// The per-user API token for programs (support tools, scripts), which send no Origin: 32 random bytes,
/// base64url, in <c>api-token</c> in the data folder, created at the first start in a file only the user can
/// read (mode 0600 on Unix; on Windows the file inherits the user profile's ACL: the user, SYSTEM and
/// Administrators). A file other users could read is replaced by a new token. Only a hash stays in memory, the
/// comparison is constant-time, and the token is never logged.
/// </summary>
public sealed class ApiToken
{
    public const string FileName = HelperPaths.ApiTokenFileName;

    private const int TokenBytes = 32;
    private static readonly int TokenLength = Base64Url.GetEncodedLength(TokenBytes);

    private readonly byte[] _digest;

    public ApiToken(HelperPaths paths, ILogger<ApiToken> logger)
    {
        FilePath = Path.Combine(paths.DataDirectory, FileName);
        try
        {
            var token = ReadUsable(FilePath, logger);
            if (token is null)
            {
                PrivateFiles.WriteAtomically(FilePath, Encoding.ASCII.GetBytes(Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes))));
                // Read back: when two helpers start at once, the file that won the rename is the token.
                token = ReadUsable(FilePath, logger) ?? throw new IOException("The file read back is not a token.");
                logger.LogInformation(new EventId(3010, "ApiTokenCreated"), "Created the API token file {Path}", FilePath);
            }

            _digest = Digest(token);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A folder where the file should be, a read-only data folder, a full disk: said in one line at start.
            throw StartupRefusal.ForPath("The API token file", FilePath, ex);
        }
    }

    public string FilePath { get; }

    /// <summary>Compares in constant time (hashes of equal length), so timing tells nothing about the token.</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Digest(presented), _digest);

    private static string? ReadUsable(string path, ILogger logger)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (!OperatingSystem.IsWindows())
        {
            const UnixFileMode OthersMayAccess = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            if ((File.GetUnixFileMode(path) & OthersMayAccess) != 0)
            {
                logger.LogWarning(new EventId(3011, "ApiTokenExposed"), "The API token file {Path} was readable by other users; a new token replaces it", path);
                return null;
            }
        }

        var token = File.ReadAllText(path, Encoding.ASCII).Trim();
        return token.Length == TokenLength && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? token : null;
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
