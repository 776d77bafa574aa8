namespace CertPlatform.LocalHost.Tests.Swagger;

/// <summary>The contract check itself: it finds the operation and status, and JsonSchema.Net refuses a body off the schema.</summary>
public class OpenApiResponseContractTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Fact]
    public void A_body_that_matches_its_schema_passes()
    {
        var contract = OpenApiResponseContract.From(app.Services);

        var violation = contract.Check("GET", "/api/v1/sandbox/tokens/demo01", 200, "application/json",
            """{"loginId":"demo01","code":"123456","secondsRemaining":30,"nextCode":"654321"}""");

        Assert.Null(violation);
    }

    [Theory]
    [InlineData("""{"loginId":"demo01","code":123456,"secondsRemaining":30,"nextCode":"654321"}""", "/code")]
    [InlineData("""{"loginId":"demo01","code":"123456","secondsRemaining":"soon","nextCode":"654321"}""", "/secondsRemaining")]
    public void A_body_off_its_schema_is_named_with_the_place(string body, string place)
    {
        var contract = OpenApiResponseContract.From(app.Services);

        var violation = contract.Check("GET", "/api/v1/sandbox/tokens/demo01", 200, "application/json", body);

        Assert.NotNull(violation);
        Assert.Contains(place, violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_without_its_catalog_code_or_an_undocumented_status_is_caught()
    {
        var contract = OpenApiResponseContract.From(app.Services);

        var withoutCode = contract.Check("POST", "/api/v1/certificates/issue", 401, "application/problem+json",
            """{"type":"urn:certplatform:error:G101e","title":"x","status":401,"remedy":"y"}""");
        var undocumented = contract.Check("GET", "/api/v1/status", 418, "application/problem+json", "{}");

        Assert.Contains("code", withoutCode, StringComparison.Ordinal);
        Assert.Contains("the status is not in the document", undocumented, StringComparison.Ordinal);
    }
}
