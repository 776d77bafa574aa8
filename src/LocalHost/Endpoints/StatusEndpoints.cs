using CertPlatform.Application.Ports;
using CertPlatform.Application.Updates;
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

    public static StatusResponse GetStatus(RunningVersion running, IOptions<CenterOptions> center, ICertificateStore store, TimeProvider time) =>
        new(running.ToString(), center.Value.Mode.ToString(), time.GetUtcNow(), store.Description);
}
