using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.Data.Sqlite;

namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// The helper's crash-safe records in <c>helper.db</c> in the data folder (SQLite, see <see cref="LocalDatabase"/>):
/// the pending installs, and which certificate each renewal replaced. A pending install's software key lives only
/// here, in a file only the user can read in a folder only the user can open, and only until the store has it;
/// <c>secure_delete</c> overwrites it when its row goes, and the write-ahead log is then checkpointed and truncated. (On Windows the key is a persisted CNG key and only its name
/// is kept.) What is asked often (is anything pending, what replaced what) is answered from memory.
/// </summary>
public sealed class HelperRecords : IPendingInstalls, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS pending_installs (
            thumbprint         TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            certificate        BLOB NOT NULL,
            algorithm          TEXT NOT NULL,
            persisted_key_name TEXT,
            software_key       BLOB,
            renews             TEXT COLLATE NOCASE,
            issued_at          TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS renewals (
            thumbprint TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
            successor  TEXT NOT NULL COLLATE NOCASE,
            renewed_at TEXT NOT NULL);
        """;

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _owned = new(StringComparer.OrdinalIgnoreCase);
    private SqliteConnection? _connection;
    private HashSet<string>? _pending;
    private Dictionary<string, string>? _successors;

    public HelperRecords(HelperPaths paths, TimeProvider time)
    {
        _path = paths.RecordsDatabase;
        _time = time;
    }

    public string DatabasePath => _path;

    public bool AnyUnfinished
    {
        get
        {
            lock (_gate)
            {
                EnsureLoaded();
                return _pending!.Count > _owned.Count;
            }
        }
    }

    /// <summary>Opens the database now, so that a file that is not one refuses the start instead of every issuance.</summary>
    public void EnsureReadable()
    {
        lock (_gate)
        {
            EnsureLoaded();
        }
    }

    public void Save(PendingInstall install)
    {
        lock (_gate)
        {
            EnsureLoaded();
            Write(transaction => LocalDatabase.Execute(Connection, """
                INSERT OR REPLACE INTO pending_installs (thumbprint, certificate, algorithm, persisted_key_name, software_key, renews, issued_at)
                VALUES ($thumbprint, $certificate, $algorithm, $name, $key, $renews, $issuedAt)
                """, transaction,
                ("$thumbprint", install.Thumbprint), ("$certificate", install.Certificate), ("$algorithm", install.Algorithm.ToString()),
                ("$name", install.PersistedKeyName), ("$key", install.SoftwareKey), ("$renews", install.Renews), ("$issuedAt", LocalDatabase.TimeText(install.IssuedAt))));
            _pending!.Add(install.Thumbprint);
            _owned.Add(install.Thumbprint);
        }
    }

    public void Complete(PendingInstall install)
    {
        lock (_gate)
        {
            EnsureLoaded();
            var deleted = 0;
            Write(transaction =>
            {
                deleted = LocalDatabase.Execute(Connection, "DELETE FROM pending_installs WHERE thumbprint = $thumbprint", transaction, ("$thumbprint", install.Thumbprint));
                if (install.Renews is { } old)
                {
                    LocalDatabase.Execute(Connection, "INSERT OR IGNORE INTO renewals (thumbprint, successor, renewed_at) VALUES ($old, $new, $at)", transaction,
                        ("$old", old), ("$new", install.Thumbprint), ("$at", LocalDatabase.TimeText(_time.GetUtcNow())));
                }
            });
            _pending!.Remove(install.Thumbprint);
            _owned.Remove(install.Thumbprint);

            // The write-ahead log still holds the frames that carried the key: fold it into the database (where
            // secure_delete zeroed the row) and cut it to nothing. Only when a record went (an install without one
            // records just its renewal).
            try
            {
                if (deleted > 0)
                {
                    LocalDatabase.Execute(Connection, "PRAGMA wal_checkpoint(TRUNCATE)");
                }
            }
            catch (SqliteException)
            {
                // Busy: the next change checkpoints; the row is gone either way.
            }

            if (install.Renews is { } renewed)
            {
                _successors!.TryAdd(renewed, install.Thumbprint);
            }
        }
    }

    public void Release(string thumbprint)
    {
        lock (_gate)
        {
            _owned.Remove(thumbprint);
        }
    }

    public IReadOnlyList<PendingInstall> Unfinished()
    {
        lock (_gate)
        {
            EnsureLoaded();
            var found = new List<PendingInstall>();
            try
            {
                using var command = LocalDatabase.Command(Connection,
                    "SELECT thumbprint, certificate, algorithm, persisted_key_name, software_key, renews, issued_at FROM pending_installs ORDER BY issued_at");
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    var thumbprint = reader.GetString(0);
                    if (_owned.Contains(thumbprint) || !Enum.TryParse<KeyAlgorithm>(reader.GetString(2), out var algorithm))
                    {
                        continue;
                    }

                    found.Add(new PendingInstall(
                        thumbprint, (byte[])reader[1], algorithm,
                        LocalDatabase.StringOrNull(reader, 3),
                        reader.IsDBNull(4) ? null : (byte[])reader[4],
                        LocalDatabase.StringOrNull(reader, 5),
                        LocalDatabase.ParseTime(reader.GetString(6))));
                }
            }
            catch (SqliteException ex)
            {
                throw LocalDatabase.Fault(_path, ex);
            }

            return found;
        }
    }

    public string? SuccessorOf(string thumbprint)
    {
        lock (_gate)
        {
            EnsureLoaded();
            return _successors!.GetValueOrDefault(thumbprint);
        }
    }

    public IReadOnlyDictionary<string, string> Successors()
    {
        lock (_gate)
        {
            EnsureLoaded();
            return new Dictionary<string, string>(_successors!, StringComparer.OrdinalIgnoreCase);
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

    private SqliteConnection Connection => _connection ??= LocalDatabase.Open(_path, Schema);

    private void EnsureLoaded()
    {
        if (_pending is not null)
        {
            return;
        }

        var pending = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var successors = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using (var command = LocalDatabase.Command(Connection, "SELECT thumbprint FROM pending_installs"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    pending.Add(reader.GetString(0));
                }
            }

            using (var command = LocalDatabase.Command(Connection, "SELECT thumbprint, successor FROM renewals"))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    successors[reader.GetString(0)] = reader.GetString(1);
                }
            }
        }
        catch (SqliteException ex)
        {
            throw LocalDatabase.Fault(_path, ex);
        }

        _successors = successors;
        _pending = pending;
    }

    private void Write(Action<SqliteTransaction> change) => LocalDatabase.InTransaction(Connection, _path, change);

}
