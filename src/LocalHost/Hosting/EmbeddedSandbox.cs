using System.Runtime.CompilerServices;
using CertPlatform.Infrastructure;
using CertPlatform.Sandbox;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// The one place the helper touches the embedded sandbox, and only in Embedded mode (<c>Center:Mode</c>). The calls
/// sit in methods of their own that are never inlined, so a Remote-mode helper does not even load the sandbox's
/// assembly: compiling the caller names only these methods.
/// </summary>
public static class EmbeddedSandbox
{
    public static bool IsUsed(IConfiguration configuration) => CenterOptions.ModeOf(configuration) == CenterMode.Embedded;

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Add(IServiceCollection services, IConfiguration configuration) => services.AddSandbox(configuration);

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Map(IEndpointRouteBuilder app, string apiPrefix) => app.MapSandbox(apiPrefix);
}
