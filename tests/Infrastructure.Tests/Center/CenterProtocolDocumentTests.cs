using System.Text.RegularExpressions;
using CertPlatform.Infrastructure.Center;

namespace CertPlatform.Infrastructure.Tests.Center;

/// <summary>The codes a bank reads it may send are the codes the client accepts: the documents follow the code.</summary>
public sealed partial class CenterProtocolDocumentTests
{
    private static readonly string[] Accepted = [.. CenterProblemCodes.All.Select(e => e.Code).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_openapi_problem_codes_are_the_codes_the_client_accepts()
    {
        var yaml = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot.Path, "docs", "center-protocol.openapi.yaml"));
        var problem = yaml[yaml.LastIndexOf("    Problem:", StringComparison.Ordinal)..];

        Assert.Equal(Accepted, Codes(problem));
    }

    [Fact]
    public void The_protocol_page_lists_every_code_the_client_accepts()
    {
        var page = File.ReadAllText(Path.Combine(TestSupport.RepositoryRoot.Path, "docs", "center-protocol.md"));
        var table = page[page.IndexOf("| code | status | when |", StringComparison.Ordinal)..page.IndexOf("Anything else becomes", StringComparison.Ordinal)];

        Assert.Equal(Accepted, Codes(table));
    }

    private static string[] Codes(string text) =>
        [.. CodePattern().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\b(G\d{3}[ei]|BZBE\d{6})\b")]
    private static partial Regex CodePattern();
}
