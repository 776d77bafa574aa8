using System.Text;
using CertPlatform.Domain.Updates;
using CertPlatform.Infrastructure.Hosting;

namespace CertPlatform.Infrastructure.Updates;

/// <summary>A file holding one version on one line: the <c>current</c> pointer, <c>updates/highest-version</c>.</summary>
internal static class VersionFile
{
    /// <summary>The version in the file; null when there is none, it cannot be read, or it is not a version.</summary>
    public static SemanticVersion? Read(string path)
    {
        try
        {
            return File.Exists(path) && SemanticVersion.TryParse(File.ReadAllText(path).Trim(), out var version) ? version : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes the version through a temporary file and a rename, so a reader never sees half of it.</summary>
    public static void Write(string path, SemanticVersion version) =>
        PrivateFiles.WriteAtomically(path, Encoding.ASCII.GetBytes(version + "\n"));
}
