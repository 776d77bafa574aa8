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

/// <summary>The sandbox CA's register of what it issued, kept as <c>sandbox/issued.json</c> in the data folder.</summary>
public sealed class SandboxRegistry
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _path;
    private readonly Lock _gate = new();
    private List<IssuedRecord>? _records;

    public SandboxRegistry(HelperPaths paths) => _path = Path.Combine(paths.SandboxDirectory, "issued.json");

    public IReadOnlyList<IssuedRecord> All
    {
        get
        {
            lock (_gate)
            {
                return [.. Records];
            }
        }
    }

    public IssuedRecord? FindByThumbprint(string thumbprint)
    {
        lock (_gate)
        {
            return Records.Find(r => string.Equals(r.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase));
        }
    }

    public void Add(IssuedRecord record)
    {
        lock (_gate)
        {
            Records.Add(record);
            Save();
        }
    }

    /// <summary>Marks a certificate revoked (support's tool, and the tests'); false when it was not issued here.</summary>
    public bool Revoke(string thumbprint, DateTimeOffset at)
    {
        lock (_gate)
        {
            var index = Records.FindIndex(r => string.Equals(r.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return false;
            }

            Records[index] = Records[index] with { RevokedAt = Records[index].RevokedAt ?? at };
            Save();
            return true;
        }
    }

    private List<IssuedRecord> Records => _records ??= Load();

    private List<IssuedRecord> Load()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        using var stream = File.OpenRead(_path);
        return JsonSerializer.Deserialize<List<IssuedRecord>>(stream, Json) ?? [];
    }

    private void Save() => PrivateFiles.WriteAtomically(_path, JsonSerializer.SerializeToUtf8Bytes(_records, Json));
}
