namespace CertPlatform.Domain.Credentials;

/// <summary>
/// Marks a setting whose value is a secret (a proxy password, a demo password): the support bundle, which shows the
/// settings of every options type, leaves it out. A test fails for a string setting named like a secret without it.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class SecretSettingAttribute : Attribute;
