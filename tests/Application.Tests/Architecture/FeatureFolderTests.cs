using System.Text.RegularExpressions;

namespace CertPlatform.Application.Tests.Architecture;

/// <summary>
/// The Application's shape (docs/architecture.md, "Where to find what"): one folder per feature, whose namespace is
/// the folder's; a feature uses the shared folders and never another feature (the diagnostics report on the update
/// feed through the feature's own <c>IFeatureCheck</c>).
/// </summary>
public sealed partial class FeatureFolderTests
{
    private static readonly string[] Features = ["Issuance", "Renewals", "Revocation", "Care", "Updates", "Diagnostics", "Proxy"];

    private static readonly string[] Shared = ["Behaviours", "Certificates", "Checks", "Input", "Ports"];

    private static string ApplicationRoot { get; } = Path.Combine(TestSupport.RepositoryRoot.Path, "src", "Application");

    [Fact]
    public void Every_folder_of_the_application_is_a_feature_or_a_shared_folder()
    {
        var folders = Directory.GetDirectories(ApplicationRoot).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).Order(StringComparer.Ordinal);

        Assert.Equal(Features.Concat(Shared).Order(StringComparer.Ordinal), folders);
    }

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void A_feature_uses_no_other_feature(string feature)
    {
        var others = Features.Where(f => f != feature).ToArray();
        var offending = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(ApplicationRoot, feature), "*.cs", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            offending.AddRange(others
                .Where(other => Regex.IsMatch(text, $@"\bCertPlatform\.Application\.{other}\b"))
                .Select(other => $"{Path.GetRelativePath(ApplicationRoot, file)} uses {other}"));
        }

        Assert.Empty(offending);
    }

    [Theory]
    [MemberData(nameof(SharedNames))]
    public void A_shared_folder_uses_no_feature_but_the_pipeline_s_version_gate(string shared)
    {
        // Behaviours holds the mandatory-update gate, which asks the update checker: the one use of a feature here.
        var allowed = shared == "Behaviours" ? new[] { "Updates" } : [];
        var offending = Directory.EnumerateFiles(Path.Combine(ApplicationRoot, shared), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => Features.Where(f => !allowed.Contains(f) && Regex.IsMatch(File.ReadAllText(file), $@"\bCertPlatform\.Application\.{f}\b"))
                .Select(f => $"{Path.GetRelativePath(ApplicationRoot, file)} uses {f}"))
            .ToList();

        Assert.Empty(offending);
    }

    [Fact]
    public void Each_file_s_namespace_is_its_folder()
    {
        var wrong = Directory.EnumerateFiles(ApplicationRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: Path.GetRelativePath(ApplicationRoot, f), Namespace: NamespacePattern().Match(File.ReadAllText(f)).Groups[1].Value))
            .Where(f => f.Namespace != ExpectedNamespace(f.File))
            .Select(f => $"{f.File}: {f.Namespace}")
            .ToList();

        Assert.Empty(wrong);
    }

    public static TheoryData<string> FeatureNames() => [.. Features];

    public static TheoryData<string> SharedNames() => [.. Shared];

    private static string ExpectedNamespace(string relativeFile)
    {
        var folder = Path.GetDirectoryName(relativeFile) ?? string.Empty;
        return folder.Length == 0 ? "CertPlatform.Application" : "CertPlatform.Application." + folder.Replace(Path.DirectorySeparatorChar, '.');
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();
}
