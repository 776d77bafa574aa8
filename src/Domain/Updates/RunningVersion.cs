using System.Reflection;

namespace CertPlatform.Domain.Updates;

/// <summary>The version of the helper that is running now (all its assemblies carry the product version).</summary>
public sealed record RunningVersion(SemanticVersion Value)
{
    public static RunningVersion OfThisBuild()
    {
        // The SDK appends the commit as build metadata (1.0.0+abc123); the user is shown the version only.
        var informational = typeof(RunningVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0];
        return SemanticVersion.TryParse(informational, out var version)
            ? new RunningVersion(version)
            : new RunningVersion(SemanticVersion.Parse(typeof(RunningVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"));
    }

    public override string ToString() => Value.ToString();
}
