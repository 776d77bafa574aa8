using CertPlatform.Application.Ports;
using CertPlatform.Infrastructure;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Endpoints;

public static class StatusEndpoints
{
    public sealed record StatusResponse(string Version, string CenterMode, DateTimeOffset Time, string Store);

    public static RouteGroupBuilder MapStatusApiV1(this RouteGroupBuilder api)
    {
        api.MapGet("/status", GetStatus)
            .WithName("GetStatus")
            .WithSummary("The helper's version, center mode, clock and certificate store")
            .WithTags("Status");
        return api;
    }

    public static StatusResponse GetStatus(IOptions<CenterOptions> center, ICertificateStore store, TimeProvider time) =>
        new(HelperVersion.Current, center.Value.Mode.ToString(), time.GetUtcNow(), store.Description);
}

public static class HelperVersion
{
    public static string Current { get; } =
        typeof(HelperVersion).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? typeof(HelperVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
