using System.Text.Json;
using System.Text.Json.Nodes;
using CertPlatform.LocalHost.Hosting;

namespace CertPlatform.LocalHost.Tests.Swagger;

/// <summary>
/// The ahead-of-time compiled Linux package cannot generate the OpenAPI document and serves the copy embedded at build
/// time (src/LocalHost/Hosting/swagger-v1.json): it must be the document this build generates. Run the tests with
/// UPDATE_DOCS=1 to rewrite it after changing an endpoint.
/// </summary>
public class EmbeddedDocumentTests(HelperFactory app) : IClassFixture<HelperFactory>
{
    [Fact]
    public async Task The_embedded_document_is_the_one_the_helper_generates()
    {
        var generated = JsonNode.Parse(await app.CreatePageClient().GetStringAsync(SwaggerOnDemand.DocumentPath))!.AsObject();
        Assert.Equal("http://localhost", generated["servers"]![0]!["url"]!.GetValue<string>());
        generated.Remove("servers");

        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            var path = Path.Combine(TestSupport.RepositoryRoot.Path, "src", "LocalHost", "Hosting", "swagger-v1.json");
            await File.WriteAllTextAsync(path, generated.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            return;
        }

        Assert.True(
            JsonNode.DeepEquals(generated, SwaggerOnDemand.EmbeddedDocument()),
            "src/LocalHost/Hosting/swagger-v1.json is not the generated document: run the LocalHost tests with UPDATE_DOCS=1 and rebuild.");
    }
}
