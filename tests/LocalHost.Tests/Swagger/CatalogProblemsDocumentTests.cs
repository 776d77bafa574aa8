using System.Net.Http.Json;
using System.Text.Json;

namespace CertPlatform.LocalHost.Tests.Swagger;

/// <summary>Swagger shows each operation's error answers as the helper sends them: the catalog's problem, with examples.</summary>
public class CatalogProblemsDocumentTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Fact]
    public async Task An_error_answer_is_the_catalog_problem_with_an_example_per_code_of_its_status()
    {
        var document = await Document();

        var unauthorized = Operation(document, "/api/v1/certificates/issue", "post").GetProperty("responses").GetProperty("401")
            .GetProperty("content").GetProperty("application/problem+json");

        Assert.Equal("#/components/schemas/CatalogProblem", unauthorized.GetProperty("schema").GetProperty("$ref").GetString());
        var g101e = unauthorized.GetProperty("examples").GetProperty("G101e").GetProperty("value");
        Assert.Equal("G101e", g101e.GetProperty("code").GetString());
        Assert.Equal(401, g101e.GetProperty("status").GetInt32());
        Assert.Equal("urn:certplatform:error:G101e", g101e.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(g101e.GetProperty("remedy").GetString()));
    }

    [Fact]
    public async Task The_catalog_problem_schema_names_code_and_remedy_and_no_open_extension_bag()
    {
        var schema = (await Document()).GetProperty("components").GetProperty("schemas").GetProperty("CatalogProblem");

        var required = schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).ToArray();
        Assert.Contains("code", required);
        Assert.Contains("remedy", required);
        Assert.False(schema.TryGetProperty("additionalProperties", out _));
    }

    [Fact]
    public async Task Every_api_operation_lists_the_gates_refusals_and_only_state_changing_ones_the_json_rule()
    {
        var document = await Document();

        var list = Operation(document, "/api/v1/certificates", "get").GetProperty("responses");
        var issue = Operation(document, "/api/v1/certificates/issue", "post").GetProperty("responses");

        Assert.True(Example(list, "403", "G301e"));
        Assert.True(Example(list, "421", "G305e"));
        Assert.False(list.TryGetProperty("415", out _));
        Assert.True(Example(issue, "415", "G302e"));
        Assert.True(Example(issue, "401", "G307e"));
    }

    private static bool Example(JsonElement responses, string status, string code) =>
        responses.TryGetProperty(status, out var response)
        && response.GetProperty("content").GetProperty("application/problem+json").GetProperty("examples").TryGetProperty(code, out _);

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    private Task<JsonElement> Document() => app.CreatePageClient().GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
}
