namespace CertPlatform.Infrastructure.Hosting;

/// <summary>
/// A bank page origin known only while the helper runs (the embedded sandbox's own HTTPS bank, whose port may be
/// chosen at start), beside the configured <see cref="HelperOptions.BankOrigins"/>. The origin allowlist asks each
/// registered source; a Remote-mode helper registers none.
/// </summary>
public interface IBankOriginSource
{
    /// <summary>Whether <paramref name="origin"/> (an http(s) origin in its serialized form) is this source's bank page now.</summary>
    bool IsBankOrigin(Uri origin);
}
