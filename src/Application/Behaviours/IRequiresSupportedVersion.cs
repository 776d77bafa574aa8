namespace CertPlatform.Application.Behaviours;

/// <summary>
/// Marks a command that a helper below the bank's minimum supported version must not run (issuance, renewal).
/// <see cref="SupportedVersionBehaviour{TMessage, TResponse}"/> refuses it with G408e.
/// </summary>
public interface IRequiresSupportedVersion;
