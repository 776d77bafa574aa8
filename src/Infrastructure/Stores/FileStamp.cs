namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// What a store's files look like now: each file's name, size and last write time (or that it is missing). A kept
/// reading of a store is good while its stamp is the same; any add, replace or removal, ours or another program's,
/// changes it.
/// </summary>
internal static class FileStamp
{
    public static string Of(IEnumerable<FileInfo> files)
    {
        var stamp = new HashCode();
        var count = 0;
        foreach (var file in files)
        {
            stamp.Add(file.Name, StringComparer.Ordinal);
            stamp.Add(file.Exists ? file.Length : -1);
            stamp.Add(file.Exists ? file.LastWriteTimeUtc.Ticks : -1);
            count++;
        }

        return $"{count}:{stamp.ToHashCode()}";
    }
}
