using System.Reflection;
using System.Text.RegularExpressions;
using CertPlatform.Domain.Credentials;
using CertPlatform.LocalHost.Support;

namespace CertPlatform.LocalHost.Tests.Support;

public sealed class SupportSettingsTests
{
    /// <summary>The assemblies the bundle reads in Embedded mode: the sandbox's settings among them.</summary>
    private static readonly IReadOnlyList<Assembly> HelperAssemblies = SupportSettings.HelperAssemblies(embedded: true);

    [Fact]
    public void The_bundle_s_settings_come_from_the_options_types_with_their_nested_sections()
    {
        var keys = SupportSettings.KeysOf(HelperAssemblies);

        Assert.Contains("Helper:Port", keys);
        Assert.Contains("Helper:BankOrigins", keys);
        Assert.Contains("Center:Mode", keys);
        Assert.Contains("Ca:EstBaseUrl", keys);
        Assert.Contains("Network:Proxy:Mode", keys);
        Assert.Contains("Network:Proxy:Url", keys);
        Assert.Contains("Security:RateLimits:Password:PermitLimit", keys);
        Assert.Contains("Store:NssDatabase", keys);
        Assert.Contains("Updates:FeedUrl", keys);
        Assert.Contains("Sandbox:Https:Port", keys);
        Assert.Contains("Sandbox:Updates:LatestVersion", keys);
    }

    [Fact]
    public void Settings_marked_secret_are_left_out()
    {
        var keys = SupportSettings.KeysOf(HelperAssemblies);

        Assert.DoesNotContain("Network:Proxy:Password", keys);
        Assert.DoesNotContain("Network:Proxy:UserName", keys);
        Assert.DoesNotContain("Sandbox:DemoPassword", keys);
    }

    [Fact]
    public void Every_string_setting_named_like_a_secret_is_marked_secret()
    {
        var secretName = new Regex("Password|Secret|Token|PrivateKey|UserName", RegexOptions.IgnoreCase);
        var unmarked = SupportSettings.OptionsTypes(HelperAssemblies)
            .SelectMany(t => StringProperties(t.Type))
            .Where(p => secretName.IsMatch(p.Name) && !p.IsDefined(typeof(SecretSettingAttribute)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();

        Assert.Empty(unmarked);
    }

    private static IEnumerable<PropertyInfo> StringProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).SelectMany(p =>
            p.PropertyType == typeof(string) ? [p]
            : p.PropertyType.IsClass && p.PropertyType.Namespace?.StartsWith("CertPlatform", StringComparison.Ordinal) == true ? StringProperties(p.PropertyType)
            : []);
}
