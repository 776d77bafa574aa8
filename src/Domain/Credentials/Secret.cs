namespace CertPlatform.Domain.Credentials;

/// <summary>
/// A value that must never be printed: <see cref="ToString"/>, string interpolation, structured logging
/// and record printing all show <c>***</c>. Only <see cref="Reveal"/> gives the value, at the point of use.
/// </summary>
public abstract class Secret
{
    public const string Mask = "***";

    private readonly string _value;

    protected Secret(string value) => _value = value;

    public string Reveal() => _value;

    public override string ToString() => Mask;

    /// <summary>Compares in constant time, so a timing side channel does not leak a prefix.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null
        && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(_value), System.Text.Encoding.UTF8.GetBytes(candidate));
}
