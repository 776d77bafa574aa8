using CertPlatform.Infrastructure.Network;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CertPlatform.Infrastructure;

/// <summary>Which center and CA the helper talks to.</summary>
public enum CenterMode
{
    /// <summary>The sandbox center and CA inside the helper (the default: runs with one command).</summary>
    Embedded,

    /// <summary>The bank's center over HTTPS and its CA over EST (RFC 7030).</summary>
    Remote,
}

/// <summary>Configuration section <c>Center</c>.</summary>
public sealed class CenterOptions
{
    public const string Section = "Center";

    public CenterMode Mode { get; set; } = CenterMode.Embedded;

    /// <summary>The center's base address in Remote mode (<c>https://center.bank.example/</c>); the protocol's paths go under it.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The configured mode, read before the container exists: the composition root adds the sandbox only in Embedded mode.</summary>
    public static CenterMode ModeOf(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<CenterOptions>()?.Mode ?? CenterMode.Embedded;

    public Uri BaseAddress => PeerAddress.TryParse(BaseUrl, out var address)
        ? address
        : throw new InvalidOperationException("Center:BaseUrl is not a valid address.");
}

/// <summary>In Remote mode the center's address is required and must be HTTPS (plain HTTP only to this machine).</summary>
public sealed class CenterOptionsValidator : IValidateOptions<CenterOptions>
{
    public ValidateOptionsResult Validate(string? name, CenterOptions options)
    {
        if (!Enum.IsDefined(options.Mode))
        {
            return ValidateOptionsResult.Fail("Center:Mode must be Embedded or Remote.");
        }

        return options.Mode == CenterMode.Remote && !PeerAddress.TryParse(options.BaseUrl, out _)
            ? ValidateOptionsResult.Fail("Center:BaseUrl must be an https:// address (http:// only to this machine), without credentials, query or fragment.")
            : ValidateOptionsResult.Success;
    }
}
