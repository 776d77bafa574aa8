using CertPlatform.Domain.Updates;

namespace CertPlatform.Domain.Tests.Updates;

public class SemanticVersionTests
{
    // semver.org 11.4's own example chain, then the core numbers.
    private static readonly string[] Ascending =
    [
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
        "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0", "2.1.0", "2.1.1", "10.0.0",
    ];

    public static TheoryData<string, string> AdjacentPairs()
    {
        var data = new TheoryData<string, string>();
        for (var i = 0; i + 1 < Ascending.Length; i++)
        {
            data.Add(Ascending[i], Ascending[i + 1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AdjacentPairs))]
    public void Versions_follow_semver_precedence(string lower, string higher)
    {
        var low = SemanticVersion.Parse(lower);
        var high = SemanticVersion.Parse(higher);

        Assert.True(low < high);
        Assert.True(high > low);
        Assert.True(low.CompareTo(high) < 0 && high.CompareTo(low) > 0);
    }

    [Fact]
    public void Build_metadata_is_ignored_in_comparisons()
    {
        var a = SemanticVersion.Parse("1.2.3+build.1");
        var b = SemanticVersion.Parse("1.2.3+build.2");

        Assert.Equal(a, b);
        Assert.Equal(0, a.CompareTo(b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Numeric_prerelease_identifiers_of_any_length_compare_as_numbers()
    {
        Assert.True(SemanticVersion.Parse("1.0.0-99999999999999999999") > SemanticVersion.Parse("1.0.0-2"));
    }

    [Fact]
    public void A_numeric_identifier_sorts_before_an_alphanumeric_one()
    {
        Assert.True(SemanticVersion.Parse("1.0.0-1") < SemanticVersion.Parse("1.0.0-a"));
    }

    [Theory]
    [InlineData("0.0.0")]
    [InlineData("1.2.3")]
    [InlineData("1.0.0-0.3.7")]
    [InlineData("1.0.0-x.7.z.92")]
    [InlineData("1.0.0-x-y-z.--")]
    [InlineData("1.0.0-alpha+001")]
    [InlineData("1.0.0+21AF26D3----117B344092BD")]
    public void Valid_versions_parse_and_print_as_given(string text)
    {
        Assert.Equal(text, SemanticVersion.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.2")]
    [InlineData("1.2.3.4")]
    [InlineData("v1.2.3")]
    [InlineData(" 1.2.3")]
    [InlineData("1.2.3 ")]
    [InlineData("01.2.3")]
    [InlineData("1.02.3")]
    [InlineData("1.2.03")]
    [InlineData("-1.2.3")]
    [InlineData("1.2.3-")]
    [InlineData("1.2.3-01")]
    [InlineData("1.2.3-a..b")]
    [InlineData("1.2.3+")]
    [InlineData("1.2.3+a..b")]
    [InlineData("1.2.3-β")]
    [InlineData("99999999999.0.0")]
    [InlineData("1.2.x")]
    public void Malformed_versions_are_refused(string text)
    {
        Assert.False(SemanticVersion.TryParse(text, out _));
        Assert.Throws<FormatException>(() => SemanticVersion.Parse(text));
    }
}
