namespace CertPlatform.LocalHost.Security;

/// <summary>Configuration section <c>Helper</c>: who may drive the localhost API.</summary>
public sealed class HelperSecurityOptions
{
    public const string Section = "Helper";

    /// <summary>The bank's HTTPS origins (scheme://host[:port]) whose pages may call the API.</summary>
    public string[] BankOrigins { get; set; } = [];
}
