using System.Text;
using System.Text.Json;
using CertPlatform.Infrastructure.Hosting;

namespace CertPlatform.Infrastructure.Sandbox;

/// <summary>One certificate the sandbox CA issued.</summary>
public sealed record IssuedRecord(
    string SerialNumber,
    string Thumbprint,
    string LoginId,
    string Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string? Renews = null,
    DateTimeOffset? RevokedAt = null);

/// <summary>
/// The sandbox CA's register of what it issued, kept as <c>sandbox/issued.jsonl</c> in the data folder: one JSON
/// line per issuance or revocation, appended, so recording a certificate costs the same with ten or ten thousand
/// before it. On load, the last line for a thumbprint wins.
/// </summary>
public sealed class SandboxRegistry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _path;
    private readonly Lock _gate = new();
    private Dictionary<string, IssuedRecord>? _records;

    public SandboxRegistry(HelperPaths paths) => _path = Path.Combine(paths.SandboxDirectory, "issued.jsonl");

    public IReadOnlyList<IssuedRecord> All
    {
        get
        {
            lock (_gate)
            {
                return [.. Records.Values];
            }
        }
    }

    public IssuedRecord? FindByThumbprint(string thumbprint)
    {
        lock (_gate)
        {
            return Records.GetValueOrDefault(thumbprint);
        }
    }

    public void Add(IssuedRecord record)
    {
        lock (_gate)
        {
            Records[record.Thumbprint] = record;
            Append(record);
        }
    }

    /// <summary>Marks a certificate revoked (support's tool, and the tests'); false when it was not issued here.</summary>
    public bool Revoke(string thumbprint, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (!Records.TryGetValue(thumbprint, out var record))
            {
                return false;
            }

            if (record.RevokedAt is null)
            {
                var revoked = record with { RevokedAt = at };
                Records[record.Thumbprint] = revoked;
                Append(revoked);
            }

            return true;
        }
    }

    private Dictionary<string, IssuedRecord> Records => _records ??= Load();

    private Dictionary<string, IssuedRecord> Load()
    {
        var records = new Dictionary<string, IssuedRecord>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(_path))
        {
            return records;
        }

        foreach (var line in File.ReadLines(_path))
        {
            // A line cut short by a crash is the last one; what it recorded was never acknowledged.
            if (line.Length > 0 && TryParse(line) is { } record)
            {
                records[record.Thumbprint] = record;
            }
        }

        return records;
    }

    private static IssuedRecord? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<IssuedRecord>(line, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Append(IssuedRecord record)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(_path)!);
        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(_path, options);
        stream.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n"));
    }
}
