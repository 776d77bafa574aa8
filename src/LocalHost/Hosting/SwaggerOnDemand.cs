using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// Swagger (the document at <c>/swagger/v1/swagger.json</c> and the UI at <c>/swagger</c>) in a branch of the
/// pipeline that is built on the first request under <c>/swagger</c>. Its middleware (the UI's embedded files, the
/// document generator) cost several milliseconds to construct, and the helper starts each time the bank's page
/// launches it, where nobody opens Swagger; every other request passes by with one path comparison.
/// The ahead-of-time compiled package cannot generate the document (Swashbuckle's generator reads the endpoints by
/// reflection): it serves <see cref="DocumentResource"/>, the document this generator made, embedded at build time
/// and kept equal to the generated one by a test (<c>UPDATE_DOCS=1</c> rewrites it), with the same server address.
/// </summary>
public static class SwaggerOnDemand
{
    public const string RoutePrefix = "swagger";

    /// <summary>The generated document as a file (src/LocalHost/Hosting/swagger-v1.json), for builds without the generator.</summary>
    public const string DocumentResource = "CertPlatform.LocalHost.swagger-v1.json";

    public const string DocumentPath = "/" + RoutePrefix + "/v1/swagger.json";

    private static readonly PathString Prefix = "/" + RoutePrefix;

    private static readonly JsonSerializerOptions DocumentJson = new() { WriteIndented = true, TypeInfoResolver = JsonNodeContext.Default };

    public static IApplicationBuilder UseSwaggerOnDemand(this IApplicationBuilder app) => app.Use(next =>
    {
        RequestDelegate? swagger = null;
        return context =>
        {
            if (!context.Request.Path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return next(context);
            }

            // Two first requests at once may both build the branch; either one serves, the other is dropped.
            swagger ??= Build(app.New(), next);
            return swagger(context);
        };
    });

    private static RequestDelegate Build(IApplicationBuilder branch, RequestDelegate next)
    {
        // The document names the address it was fetched from: the helper's real port, whatever Helper:Port says.
        if (RuntimeFeature.IsDynamicCodeSupported)
        {
            branch.UseSwagger(o => o.PreSerializeFilters.Add((document, request) =>
                document.Servers = [new Microsoft.OpenApi.Models.OpenApiServer { Url = $"{request.Scheme}://{request.Host}" }]));
        }
        else
        {
            var document = EmbeddedDocument();
            branch.Use(next => context => context.Request.Path.Equals(DocumentPath, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsGet(context.Request.Method)
                ? ServeAsync(context, document)
                : next(context));
        }

        branch.UseSwaggerUI(o =>
        {
            o.RoutePrefix = RoutePrefix;
            o.DocumentTitle = "CertPlatform helper API";
        });
        branch.Run(next);
        return branch.Build();
    }

    /// <summary>The embedded document as a JSON tree, its <c>servers</c> left out (each request fills in its own).</summary>
    public static JsonObject EmbeddedDocument()
    {
        using var stream = typeof(SwaggerOnDemand).Assembly.GetManifestResourceStream(DocumentResource)
            ?? throw new InvalidOperationException($"The build embeds no {DocumentResource}.");
        var document = JsonNode.Parse(stream)!.AsObject();
        document.Remove("servers");
        return document;
    }

    private static Task ServeAsync(HttpContext context, JsonObject document)
    {
        var copy = document.DeepClone().AsObject();
        copy["servers"] = new JsonArray(new JsonObject { ["url"] = $"{context.Request.Scheme}://{context.Request.Host}" });
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(copy.ToJsonString(DocumentJson), context.RequestAborted);
    }
}

[JsonSerializable(typeof(JsonNode))]
internal sealed partial class JsonNodeContext : JsonSerializerContext;
