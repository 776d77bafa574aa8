using System.Globalization;
using CertPlatform.Domain.Errors;
using Microsoft.Data.Sqlite;

namespace CertPlatform.Infrastructure.Hosting;

/// <summary>
/// A small SQLite database in the data folder, for records that must survive a crash, a full disk or a cut power
/// line: the sandbox registry and the pending installs. Write-ahead log, <c>synchronous=FULL</c> (a committed
/// change is on the disk before the call returns), one transaction per change, so a crash leaves the old state or
/// the new one and never half of a record. <c>secure_delete</c> overwrites what a deleted row held (a pending
/// install's key). The file and its <c>-wal</c>/<c>-shm</c> companions are the user's only (0600, SQLite gives
/// the companions the database file's mode) in a folder only the user can open.
/// </summary>
public static class LocalDatabase
{
    /// <summary>Opens (and creates) the database and runs <paramref name="schema"/> in one transaction.</summary>
    /// <exception cref="CertPlatformException">G260e disk full, G261e not writable, G262e not a database (<see cref="Fault"/>).</exception>
    public static SqliteConnection Open(string path, string schema)
    {
        PrivateFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            CreateEmpty(path);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            // One connection for the owner's lifetime; a pooled one would keep the file open after Dispose.
            Pooling = false,
            DefaultTimeout = 10,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA secure_delete=ON; PRAGMA busy_timeout=5000;");
            using var transaction = connection.BeginTransaction();
            Execute(connection, schema, transaction);
            transaction.Commit();
            return connection;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Fault(path, ex);
        }
    }

    /// <summary>
    /// What a failed database operation means for the user, as a catalog error; the inner exception names the file
    /// (for the log), never a row's content.
    /// </summary>
    public static CertPlatformException Fault(string path, SqliteException exception)
    {
        var error = exception.SqliteErrorCode switch
        {
            13 => ErrorCatalog.G260e, // SQLITE_FULL
            3 or 8 or 14 => ErrorCatalog.G261e, // SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN
            10 when exception.SqliteExtendedErrorCode == 4874 => ErrorCatalog.G260e, // SQLITE_IOERR_WRITE (ENOSPC on the WAL)
            11 or 26 => ErrorCatalog.G262e, // SQLITE_CORRUPT, SQLITE_NOTADB
            _ => ErrorCatalog.G262e,
        };
        return new CertPlatformException(error, innerException: new IOException($"{path}: {exception.Message}", exception));
    }

    /// <summary>One transaction: all of it is on the disk when this returns, or none of it.</summary>
    /// <exception cref="CertPlatformException">See <see cref="Fault"/>.</exception>
    public static void InTransaction(SqliteConnection connection, string path, Action<SqliteTransaction> change)
    {
        try
        {
            using var transaction = connection.BeginTransaction();
            change(transaction);
            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            throw Fault(path, ex);
        }
    }

    public static int Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, sql, transaction, parameters);
        return command.ExecuteNonQuery();
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, SqliteTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    /// <summary>A time as the databases keep it: UTC, round-trip ISO 8601 text.</summary>
    public static string TimeText(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static string? StringOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void CreateEmpty(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another opener made it first.
        }
    }
}
