using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Extensions;
using Swashbuckle.AspNetCore.Swagger;

namespace CertPlatform.LocalHost.Tests.Swagger;

/// <summary>
/// Every JSON answer of the API, in every test that runs the helper through <see cref="HelperFactory"/>, checked against
/// the helper's own OpenAPI document: the operation is found by method and path template, the response by status (or
/// <c>default</c>), and the body is evaluated against its schema by JsonSchema.Net (json-everything), not by code
/// written here. The only translation is OpenAPI 3.0's dialect into JSON Schema: <c>nullable</c> becomes a
/// <c>"null"</c> type, and component references point into <c>$defs</c>. What does not match is collected and fails
/// the test when the helper is disposed.
/// </summary>
public sealed partial class OpenApiResponseContract
{
    private readonly List<(string Method, Regex Path, string Template, JsonObject Operation)> _operations = [];
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new(StringComparer.Ordinal);

    private OpenApiResponseContract(JsonObject document)
    {
        _definitions = new JsonObject();
        foreach (var (name, schema) in document["components"]?["schemas"]?.AsObject() ?? [])
        {
            _definitions[name] = Translate(schema);
        }

        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            var pattern = new Regex("^" + Parameter().Replace(Regex.Escape(template).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$", RegexOptions.IgnoreCase);
            foreach (var (method, operation) in item!.AsObject())
            {
                _operations.Add((method.ToUpperInvariant(), pattern, template, operation!.AsObject()));
            }
        }
    }

    public static OpenApiResponseContract From(IServiceProvider services)
    {
        var document = services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1").SerializeAsJson(OpenApiSpecVersion.OpenApi3_0);
        return new OpenApiResponseContract(JsonNode.Parse(document)!.AsObject());
    }

    /// <summary>Checks one answer; returns why it does not match its document, or null.</summary>
    public string? Check(string method, string path, int status, string? contentType, string body)
    {
        var found = _operations.FirstOrDefault(o => o.Method == method && o.Path.IsMatch(path));
        if (found.Operation is null)
        {
            return null; // not an operation of the document (an unknown path): nothing to hold it to
        }

        var responses = found.Operation["responses"]!.AsObject();
        var response = responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] ?? responses["default"];
        var where = $"{method} {found.Template} → {status}";
        if (response is null)
        {
            return $"{where}: the status is not in the document";
        }

        var media = contentType?.Split(';')[0].Trim();
        if (media is null || !media.Contains("json", StringComparison.OrdinalIgnoreCase) || body.Length == 0)
        {
            return null;
        }

        var schema = response["content"]?[media]?["schema"];
        if (schema is null)
        {
            return response["content"] is null ? null : $"{where}: {media} is not documented";
        }

        // One compiled schema per operation, status and media type: the suite sends thousands of answers.
        var compiled = _schemas.GetOrAdd($"{where} {media}", _ =>
        {
            var evaluated = new JsonObject { ["$defs"] = _definitions.DeepClone() };
            foreach (var (key, value) in Translate(schema).AsObject())
            {
                evaluated[key] = value?.DeepClone();
            }

            return JsonSchema.FromText(evaluated.ToJsonString());
        });
        var results = compiled.Evaluate(JsonNode.Parse(body), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return null;
        }

        var errors = (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        return $"{where}: {string.Join("; ", errors.Take(5))} in {Shorten(body)}";
    }

    /// <summary>The middleware, outermost, that buffers each API answer and checks it.</summary>
    public static IStartupFilter Filter() => new ContractFilter();

    /// <summary>OpenAPI 3.0 schema → JSON Schema: <c>nullable</c> as a null type, component references into <c>$defs</c>.</summary>
    private static JsonNode Translate(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value?.GetValue<string>() is { } reference)
                    {
                        copy[key] = reference.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
                    }
                    else if (key is not ("nullable" or "example"))
                    {
                        copy[key] = Translate(value);
                    }
                }

                if (obj["nullable"]?.GetValue<bool>() == true && copy["type"] is JsonValue type)
                {
                    copy["type"] = new JsonArray(type.GetValue<string>(), "null");
                }

                return copy;
            case JsonArray array:
                return new JsonArray([.. array.Select(Translate)]);
            default:
                return node?.DeepClone()!;
        }
    }

    private static string Shorten(string body) => body.Length > 300 ? body[..300] + "…" : body;

    [GeneratedRegex(@"\{[^/}]+\\?\}")]
    private static partial Regex Parameter();

    private sealed class ContractFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            OpenApiResponseContract? contract = null;
            app.Use(async (context, nextMiddleware) =>
            {
                if (!context.Request.Path.StartsWithSegments("/api") || HttpMethods.IsOptions(context.Request.Method))
                {
                    await nextMiddleware(context);
                    return;
                }

                var original = context.Response.Body;
                using var buffer = new MemoryStream();
                context.Response.Body = buffer;
                try
                {
                    await nextMiddleware(context);
                }
                finally
                {
                    context.Response.Body = original;
                }

                buffer.Position = 0;
                await buffer.CopyToAsync(original);
                contract ??= From(context.RequestServices);
                var body = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
                if (contract.Check(context.Request.Method, context.Request.Path, context.Response.StatusCode, context.Response.ContentType, body) is { } violation)
                {
                    context.RequestServices.GetRequiredService<Violations>().Add(violation);
                }
            });
            next(app);
        };
    }

    /// <summary>What a helper's answers did not match, for <see cref="HelperFactory"/> to fail on.</summary>
    public sealed class Violations
    {
        private readonly ConcurrentQueue<string> _found = new();

        public IReadOnlyCollection<string> Found => _found;

        public void Add(string violation) => _found.Enqueue(violation);
    }
}
