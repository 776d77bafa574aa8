using System.Text;
using System.Text.Json;
using CertPlatform.Infrastructure.Hosting;

namespace CertPlatform.Sandbox;

/// <summary>One certificate the sandbox CA issued.</summary>
public sealed record IssuedRecord(
    string SerialNumber,
    string Thumbprint,
    string LoginId,
    string Subject,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string? Renews = null,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null);

/// <summary>
/// The sandbox CA's register of what it issued, kept as <c>sandbox/issued.jsonl</c> in the data folder: one JSON
/// line per issuance or revocation, appended, so recording a certificate costs the same with ten or ten thousand
/// before it. On load, the last line for a thumbprint wins. It is the one source of what is revoked: the center's
/// refusals, the CRL (<see cref="SandboxCrl"/>) and the bank's login page all read it.
/// </summary>
public sealed class SandboxRegistry : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _path;
    private readonly Lock _gate = new();
    private Dictionary<string, IssuedRecord>? _records;
    private FileStream? _journal;
    private long _revision;

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

    /// <summary>Changes whenever a certificate is recorded or revoked (what the CRL is rebuilt on).</summary>
    public long Revision => Interlocked.Read(ref _revision);

    public IssuedRecord? FindByThumbprint(string thumbprint)
    {
        lock (_gate)
        {
            return Records.GetValueOrDefault(thumbprint);
        }
    }

    /// <summary>The certificate with this serial number (hex, any case, leading zeros or not).</summary>
    public IssuedRecord? FindBySerialNumber(string serialNumber)
    {
        var wanted = serialNumber.TrimStart('0');
        lock (_gate)
        {
            return Records.Values.FirstOrDefault(r => string.Equals(r.SerialNumber.TrimStart('0'), wanted, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>Whether the sandbox CA has revoked this certificate: what the bank's login page asks.</summary>
    public bool IsRevoked(string thumbprint) => FindByThumbprint(thumbprint)?.RevokedAt is not null;

    public void Add(IssuedRecord record)
    {
        lock (_gate)
        {
            Records[record.Thumbprint] = record;
            Append(record);
            Interlocked.Increment(ref _revision);
        }
    }

    /// <summary>Marks a certificate revoked, by whom (a login ID; none for support's tool and the tests); false when it was not issued here.</summary>
    public bool Revoke(string thumbprint, DateTimeOffset at, string? revokedBy = null)
    {
        lock (_gate)
        {
            if (!Records.TryGetValue(thumbprint, out var record))
            {
                return false;
            }

            if (record.RevokedAt is null)
            {
                var revoked = record with { RevokedAt = at, RevokedBy = revokedBy };
                Records[record.Thumbprint] = revoked;
                Append(revoked);
                Interlocked.Increment(ref _revision);
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
        // The journal stays open for the registry's lifetime: opening it for every line cost more than the line.
        if (_journal is null)
        {
            PrivateFiles.CreateDirectory(Path.GetDirectoryName(_path)!);
            var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            _journal = new FileStream(_path, options);
        }

        _journal.Write(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, Json) + "\n"));
        _journal.Flush();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _journal?.Dispose();
            _journal = null;
        }
    }
}
