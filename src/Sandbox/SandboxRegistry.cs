using System.Text.Json;
using CertPlatform.Infrastructure;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
    string? RevokedBy = null,
    string? SupersededBy = null);

/// <summary>
/// The sandbox CA's register of what it issued, kept in <c>sandbox/registry.db</c> (SQLite, see
/// <see cref="LocalDatabase"/>): one transaction per issuance or revocation, so a crash or a full disk keeps every
/// record that was acknowledged and never half of one. It is the one source of what is revoked and what was renewed:
/// the center's refusals, the CRL (<see cref="SandboxCrl"/>) and the bank's login page all read it. The records are
/// read once and kept in memory: a lookup costs the same with ten certificates or ten thousand.
/// <para>
/// An <c>issued.jsonl</c> journal of an earlier version is imported once, at the first start: every whole line is
/// kept (the last line for a thumbprint wins, as it did), a line that cannot be read is reported with its number,
/// and the journal is kept beside as <c>issued.jsonl.imported</c>.
/// </para>
/// </summary>
public sealed class SandboxRegistry : IDisposable
{
    public const string FileName = "registry.db";
    public const string JournalFileName = "issued.jsonl";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS issued (
            thumbprint    TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            serial_number TEXT NOT NULL,
            login_id      TEXT NOT NULL,
            subject       TEXT NOT NULL,
            not_before    TEXT NOT NULL,
            not_after     TEXT NOT NULL,
            renews        TEXT COLLATE NOCASE,
            revoked_at    TEXT,
            revoked_by    TEXT,
            superseded_by TEXT COLLATE NOCASE);
        """;

    private const string Columns = "serial_number, thumbprint, login_id, subject, not_before, not_after, renews, revoked_at, revoked_by, superseded_by";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { TypeInfoResolver = SandboxJsonContext.Default };

    private readonly HelperPaths _paths;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private SqliteConnection? _connection;
    private Dictionary<string, IssuedRecord>? _records;
    private long _revision;

    public SandboxRegistry(HelperPaths paths, ILogger<SandboxRegistry>? logger = null)
    {
        _paths = paths;
        _logger = logger ?? NullLogger<SandboxRegistry>.Instance;
    }

    public string DatabasePath => Path.Combine(_paths.SandboxDirectory, FileName);

    private string JournalPath => Path.Combine(_paths.SandboxDirectory, JournalFileName);

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

    /// <summary>Opens the database now (and imports an old journal), so that a broken file refuses the start.</summary>
    public void EnsureReadable()
    {
        lock (_gate)
        {
            _ = Records;
        }
    }

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

    /// <summary>
    /// Records an issued certificate. A renewal's certificate (<see cref="IssuedRecord.Renews"/>) marks the one it
    /// renews superseded in the same transaction: one successor per certificate.
    /// </summary>
    public void Add(IssuedRecord record)
    {
        lock (_gate)
        {
            var renewed = record.Renews is { } old && Records.TryGetValue(old, out var previous) && previous.SupersededBy is null
                ? previous with { SupersededBy = record.Thumbprint }
                : null;
            Commit(renewed is null ? [record] : [record, renewed]);
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
                Commit([record with { RevokedAt = at, RevokedBy = revokedBy }]);
            }

            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    private SqliteConnection Connection => _connection ??= LocalDatabase.Open(DatabasePath, Schema);

    private Dictionary<string, IssuedRecord> Records => _records ??= Load();

    private Dictionary<string, IssuedRecord> Load()
    {
        var connection = Connection;
        if (File.Exists(JournalPath))
        {
            ImportJournal();
        }

        var records = new Dictionary<string, IssuedRecord>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var command = LocalDatabase.Command(connection, $"SELECT {Columns} FROM issued");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var record = new IssuedRecord(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    LocalDatabase.ParseTime(reader.GetString(4)), LocalDatabase.ParseTime(reader.GetString(5)),
                    LocalDatabase.StringOrNull(reader, 6),
                    LocalDatabase.StringOrNull(reader, 7) is { } revokedAt ? LocalDatabase.ParseTime(revokedAt) : null,
                    LocalDatabase.StringOrNull(reader, 8), LocalDatabase.StringOrNull(reader, 9));
                records[record.Thumbprint] = record;
            }
        }
        catch (SqliteException ex)
        {
            throw LocalDatabase.Fault(DatabasePath, ex);
        }

        return records;
    }

    /// <summary>The old journal, once: every whole line kept, the others reported by number, the file kept aside.</summary>
    private void ImportJournal()
    {
        var records = new Dictionary<string, IssuedRecord>(StringComparer.OrdinalIgnoreCase);
        var number = 0;
        var torn = new List<int>();
        foreach (var line in File.ReadLines(JournalPath))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (TryParse(line) is { } record)
            {
                records[record.Thumbprint] = record;
            }
            else
            {
                torn.Add(number);
            }
        }

        // What the journal knew about renewals, as the registry keeps it now.
        foreach (var renewal in records.Values.Where(r => r.Renews is not null).OrderBy(r => r.NotBefore).ToList())
        {
            if (records.TryGetValue(renewal.Renews!, out var old) && old.SupersededBy is null)
            {
                records[old.Thumbprint] = old with { SupersededBy = renewal.Thumbprint };
            }
        }

        Write(transaction =>
        {
            foreach (var record in records.Values)
            {
                Upsert(record, transaction);
            }
        });

        foreach (var line in torn)
        {
            _logger.LogWarning(new EventId(7101, "JournalLineUnreadable"),
                "Line {Line} of {Journal} could not be read (cut short or damaged) and was not imported", line, JournalPath);
        }

        File.Move(JournalPath, JournalPath + ".imported", overwrite: true);
        _logger.LogInformation(new EventId(7102, "JournalImported"),
            "Imported {Count} certificates from {Journal} into {Database} ({Unreadable} unreadable lines); the journal is kept as {Kept}",
            records.Count, JournalPath, DatabasePath, torn.Count, JournalPath + ".imported");
    }

    /// <summary>The changed records in one transaction, then in memory and the revision: on the disk first, or nowhere.</summary>
    private void Commit(IReadOnlyList<IssuedRecord> changed)
    {
        Write(transaction =>
        {
            foreach (var record in changed)
            {
                Upsert(record, transaction);
            }
        });

        foreach (var record in changed)
        {
            Records[record.Thumbprint] = record;
        }

        Interlocked.Increment(ref _revision);
    }

    /// <summary>One transaction: all of it is on the disk when this returns, or none of it (the memory is changed after).</summary>
    private void Write(Action<SqliteTransaction> change) => LocalDatabase.InTransaction(Connection, DatabasePath, change);

    private void Upsert(IssuedRecord record, SqliteTransaction transaction) =>
        LocalDatabase.Execute(Connection, $"""
            INSERT INTO issued ({Columns}) VALUES ($serial, $thumbprint, $login, $subject, $notBefore, $notAfter, $renews, $revokedAt, $revokedBy, $supersededBy)
            ON CONFLICT (thumbprint) DO UPDATE SET revoked_at = excluded.revoked_at, revoked_by = excluded.revoked_by, superseded_by = excluded.superseded_by
            """, transaction,
            ("$serial", record.SerialNumber), ("$thumbprint", record.Thumbprint), ("$login", record.LoginId), ("$subject", record.Subject),
            ("$notBefore", LocalDatabase.TimeText(record.NotBefore)), ("$notAfter", LocalDatabase.TimeText(record.NotAfter)), ("$renews", record.Renews),
            ("$revokedAt", record.RevokedAt is { } at ? LocalDatabase.TimeText(at) : null), ("$revokedBy", record.RevokedBy), ("$supersededBy", record.SupersededBy));


    private static IssuedRecord? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, Json.Contract<IssuedRecord>()) is { Thumbprint.Length: > 0, SerialNumber.Length: > 0 } record ? record : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
