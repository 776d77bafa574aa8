using CertPlatform.Domain.Certificates;
using CertPlatform.Domain.Credentials;

namespace CertPlatform.Sandbox;

/// <summary>Configuration section <c>Sandbox</c>: the embedded demo center and CA.</summary>
public sealed class SandboxOptions
{
    public const string Section = "Sandbox";

    public string BankCode { get; set; } = "2235";

    /// <summary>
    /// Begin a new sandbox on purpose: at start the sandbox folder (CA, registry, feed key) is moved aside to
    /// <c>sandbox.reset-&lt;time&gt;</c> in the data folder, never deleted. For a one-off start.
    /// </summary>
    public bool Reset { get; set; }

    public string OrganizationName { get; set; } = "CERTPLATFORM SANDBOX BANK";

    public string CaName { get; set; } = "CertPlatform Sandbox CA - G1";

    /// <summary>366 as in the manual; a demo sets e.g. 30 so that renewal is open at once.</summary>
    public int CertificateLifetimeDays { get; set; } = 366;

    /// <summary>
    /// The root's key: ECDSA P-256 by default, made in about a millisecond on a first start, where an RSA-2048 key took
    /// 30–400 ms that the first issuance waited for; <c>Rsa2048</c> or <c>Rsa3072</c> for a sandbox that stands for an RSA
    /// CA (ADR 0010). A root already made keeps its key.
    /// </summary>
    public KeyAlgorithm CaKeyAlgorithm { get; set; } = KeyAlgorithm.EcdsaP256;

    public int TicketLifetimeSeconds { get; set; } = 300;

    /// <summary>Seconds the center keeps a renewal open from the password to the last token step.</summary>
    public int RenewalLifetimeSeconds { get; set; } = 600;

    /// <summary>Wrong passwords or codes in a row before the user is locked.</summary>
    public int LockoutThreshold { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>The center's clock zone for the CN timestamp (Japan: +09:00, no daylight saving).</summary>
    public TimeSpan CenterUtcOffset { get; set; } = TimeSpan.FromHours(9);

    /// <summary>The password every demo user has (the sandbox stores only its hash).</summary>
    [SecretSetting]
    public string DemoPassword { get; set; } = "Sandbox-Pass-01";
}
