using CertPlatform.Domain.Certificates;

namespace CertPlatform.Application.Ports;

/// <summary>
/// A certificate the CA issued that is not yet in the store, with what finishing its install needs: the name of a
/// persisted key (Windows CNG), or the software key itself (PKCS#8, kept only in the user's own data folder).
/// </summary>
public sealed record PendingInstall(
    string Thumbprint,
    byte[] Certificate,
    KeyAlgorithm Algorithm,
    string? PersistedKeyName,
    byte[]? SoftwareKey,
    string? Renews,
    DateTimeOffset IssuedAt)
{
    // A record prints every property; the key must never be one of them.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Thumbprint = ").Append(Thumbprint).Append(", Algorithm = ").Append(Algorithm)
            .Append(", Renews = ").Append(Renews).Append(", IssuedAt = ").Append(IssuedAt);
        return true;
    }
}

/// <summary>
/// The helper's crash-safe records (SQLite in the data folder): the certificates the CA issued and the store has not
/// taken yet, and which certificate a renewal replaced. Each change is one transaction.
/// </summary>
public interface IPendingInstalls
{
    /// <summary>Written before the store is touched. Owned by this run of the helper until completed or released.</summary>
    void Save(PendingInstall install);

    /// <summary>The store has the certificate with its key: the record goes, and a renewal's old certificate is marked superseded.</summary>
    void Complete(PendingInstall install);

    /// <summary>The add failed in this run: the record waits for the next attempt (a list, the next start).</summary>
    void Release(string thumbprint);

    /// <summary>Records that no running issuance owns: cut off by a crash, or released after a failed add.</summary>
    IReadOnlyList<PendingInstall> Unfinished();

    /// <summary>Whether any record waits (cheap: what a list asks each time).</summary>
    bool AnyUnfinished { get; }

    /// <summary>The certificate a renewal replaced this one with, or null.</summary>
    string? SuccessorOf(string thumbprint);

    /// <summary>Every renewed certificate and its successor.</summary>
    IReadOnlyDictionary<string, string> Successors();
}
