using System.Runtime.InteropServices;
using CertPlatform.Application.Checks;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Updates;

namespace CertPlatform.Application.Diagnostics.Checks;

/// <summary>The helper's version and the platform it runs on: what support asks first.</summary>
public sealed class HelperCheck(RunningVersion running, IConnectionProbe connections)
{
    public DiagnosticCheck Run()
    {
        var os = RuntimeInformation.OSDescription;
        var architecture = RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant();
        var dotnet = RuntimeInformation.FrameworkDescription;
        return DiagnosticCheck.Ok(
            CheckNames.Helper,
            new($"CertPlatform {running} / {os} ({architecture}) / {dotnet} / センター: {connections.CenterMode}",
                $"CertPlatform {running} / {os} ({architecture}) / {dotnet} / center: {connections.CenterMode}"),
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["version"] = running.ToString(),
                ["os"] = os,
                ["architecture"] = architecture,
                ["processArchitecture"] = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(),
                ["dotnet"] = dotnet,
                ["rid"] = RuntimeInformation.RuntimeIdentifier,
                ["centerMode"] = connections.CenterMode,
            });
    }
}
