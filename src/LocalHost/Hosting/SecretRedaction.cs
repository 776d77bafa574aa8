using CertPlatform.Domain.Credentials;
using Serilog.Core;
using Serilog.Events;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// The log's redaction policy: a <see cref="Secret"/> (password, one-time password, ticket) logged as a property
/// is written as <c>***</c>, and properties whose names say they hold a secret are masked whatever their type.
/// </summary>
public sealed class SecretRedaction : IDestructuringPolicy, ILogEventEnricher
{
    private static readonly string[] SecretNameParts = ["password", "otp", "ticket", "secret", "privatekey", "token"];

    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory, out LogEventPropertyValue result)
    {
        if (value is Secret)
        {
            result = new ScalarValue(Secret.Mask);
            return true;
        }

        result = null!;
        return false;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToArray())
        {
            if (IsSecretName(name) || value is ScalarValue { Value: Secret })
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Secret.Mask)));
            }
        }
    }

    public static bool IsSecretName(string name) =>
        SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));
}
