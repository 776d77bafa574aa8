using CertPlatform.Domain.Credentials;
using Serilog.Core;
using Serilog.Events;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// The log's redaction policy: a <see cref="Secret"/> (password, one-time password, ticket) logged as a property
/// is written as <c>***</c>, and properties whose names say they hold a secret are masked whatever their type,
/// also inside a destructured object (<c>{@Request}</c> with a <c>Password</c> member), a list or a dictionary.
/// Message templates with named properties stay the rule; this is the net under them.
/// </summary>
public sealed class SecretRedaction : IDestructuringPolicy, ILogEventEnricher
{
    private static readonly string[] SecretNameParts =
        ["password", "passwd", "otp", "ticket", "secret", "privatekey", "token", "authorization", "credential", "cookie", "apikey"];

    private static readonly ScalarValue Masked = new(Secret.Mask);

    public bool TryDestructure(object value, ILogEventPropertyValueFactory propertyValueFactory, out LogEventPropertyValue result)
    {
        if (value is Secret)
        {
            result = Masked;
            return true;
        }

        result = null!;
        return false;
    }

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var (name, value) in logEvent.Properties.ToArray())
        {
            var redacted = IsSecretName(name) ? Masked : Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, redacted));
            }
        }
    }

    public static bool IsSecretName(string name) =>
        SecretNameParts.Any(part => name.Contains(part, StringComparison.OrdinalIgnoreCase));

    /// <summary>The value with secrets masked at any depth; the same instance when there was nothing to mask.</summary>
    private static LogEventPropertyValue Redact(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: Secret }:
                return Masked;
            case StructureValue structure:
                {
                    var properties = structure.Properties
                        .Select(p => new LogEventProperty(p.Name, IsSecretName(p.Name) ? Masked : Redact(p.Value)))
                        .ToArray();
                    return properties.Zip(structure.Properties).All(pair => ReferenceEquals(pair.First.Value, pair.Second.Value))
                        ? value
                        : new StructureValue(properties, structure.TypeTag);
                }

            case SequenceValue sequence:
                {
                    var elements = sequence.Elements.Select(Redact).ToArray();
                    return elements.Zip(sequence.Elements).All(pair => ReferenceEquals(pair.First, pair.Second)) ? value : new SequenceValue(elements);
                }

            case DictionaryValue dictionary:
                {
                    var entries = dictionary.Elements
                        .Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
                            e.Key, e.Key.Value is string key && IsSecretName(key) ? Masked : Redact(e.Value)))
                        .ToArray();
                    return entries.Zip(dictionary.Elements).All(pair => ReferenceEquals(pair.First.Value, pair.Second.Value))
                        ? value
                        : new DictionaryValue(entries);
                }

            default:
                return value;
        }
    }
}
