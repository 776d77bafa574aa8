using CertPlatform.Domain.Errors;
using CertPlatform.LocalHost.Errors;
using CertPlatform.LocalHost.Security;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// Every error answer in the Swagger document as the helper really sends it: the <c>CatalogProblem</c> schema (type,
/// title, status, code, remedy, field errors) instead of ASP.NET Core's open-ended ProblemDetails, with one example per
/// catalog code that answers with that status, in Japanese as the default Accept-Language gives it. Every API operation
/// also lists the gate's refusals (<see cref="LocalApiGuard"/>): 421 G305e, 403 G301e, 401 G307e, and for a
/// state-changing call 415 G302e, 400 G006e, 413 G304e, 409 G306e, and 429 G303e where credentials are checked.
/// </summary>
public sealed class SwaggerCatalogProblems : IOperationFilter
{
    public const string SchemaId = "CatalogProblem";
    public const string MediaType = "application/problem+json";

    private static readonly (CatalogError Error, bool StateChangingOnly)[] GateRefusals =
    [
        (ErrorCatalog.G305e, false),
        (ErrorCatalog.G301e, false),
        (ErrorCatalog.G307e, false),
        (ErrorCatalog.G302e, true),
    ];

    /// <summary>
    /// What every state-changing call may meet besides its own errors: a body that is no JSON or too large (400 G006e,
    /// 413 G304e), the same X-Request-Id still running (409 G306e), and on the credential paths the rate limit (429 G303e).
    /// </summary>
    private static readonly CatalogError[] StateChangingRefusals = [ErrorCatalog.G006e, ErrorCatalog.G304e, ErrorCatalog.G306e];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var schema = EnsureSchema(context.SchemaRepository);
        var stateChanging = LocalApiGuard.IsStateChanging(context.ApiDescription.HttpMethod ?? "GET");
        var path = new PathString("/" + (context.ApiDescription.RelativePath ?? string.Empty));
        var credential = stateChanging
            && (path.StartsWithSegments(CredentialAttempts.CertificatesPath, StringComparison.OrdinalIgnoreCase)
                || path.StartsWithSegments(CredentialAttempts.RenewalsPath, StringComparison.OrdinalIgnoreCase));
        CatalogError[] gate =
        [
            .. GateRefusals.Where(g => stateChanging || !g.StateChangingOnly).Select(g => g.Error),
            .. stateChanging ? StateChangingRefusals : [],
            .. credential ? [ErrorCatalog.G303e] : Array.Empty<CatalogError>(),
        ];

        foreach (var error in gate)
        {
            var status = StatusKey(error);
            if (!operation.Responses.ContainsKey(status))
            {
                operation.Responses[status] = new OpenApiResponse { Description = error.Message.En };
            }
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (!int.TryParse(status, out var code) || code < 400)
            {
                continue;
            }

            var examples = ErrorCatalog.All
                .Where(e => e.Kind != ErrorKind.Information && CatalogProblem.StatusCodeOf(e.Kind) == code)
                .Where(e => !IsGeneral(e) || gate.Contains(e))
                .ToDictionary(e => e.Code, Example, StringComparer.Ordinal);
            response.Content.Clear();
            response.Content[MediaType] = new OpenApiMediaType { Schema = schema, Examples = examples };
        }
    }

    /// <summary>A refusal of the gate or of the pipeline, shown only on the operations it applies to.</summary>
    private static bool IsGeneral(CatalogError error) =>
        GateRefusals.Any(g => g.Error == error) || error == ErrorCatalog.G303e || error == ErrorCatalog.G304e;

    private static string StatusKey(CatalogError error) =>
        CatalogProblem.StatusCodeOf(error.Kind).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static OpenApiExample Example(CatalogError error)
    {
        var problem = CatalogProblem.Create(error, "ja");
        return new OpenApiExample
        {
            Summary = $"{error.Code}: {error.Message.En}",
            Value = new OpenApiObject
            {
                ["type"] = new OpenApiString(problem.Type),
                ["title"] = new OpenApiString(problem.Title),
                ["status"] = new OpenApiInteger(problem.Status!.Value),
                ["code"] = new OpenApiString(error.Code),
                ["remedy"] = new OpenApiString(error.Remedy.Ja),
            },
        };
    }

    private static OpenApiSchema EnsureSchema(SchemaRepository repository)
    {
        if (!repository.Schemas.ContainsKey(SchemaId))
        {
            repository.Schemas[SchemaId] = new OpenApiSchema
            {
                Type = "object",
                Description = "An error: application/problem+json (RFC 9457) with the catalog's code, a title in the request's Accept-Language (ja or en) and what to do.",
                Required = new HashSet<string> { "type", "title", "status", "code", "remedy" },
                Properties = new Dictionary<string, OpenApiSchema>
                {
                    ["type"] = new() { Type = "string", Description = "urn:certplatform:error:<code>" },
                    ["title"] = new() { Type = "string", Description = "The catalog's message" },
                    ["status"] = new() { Type = "integer", Format = "int32" },
                    ["code"] = new() { Type = "string", Description = "The error catalog's code (docs/error-catalog.md)" },
                    ["remedy"] = new() { Type = "string", Description = "What the user or support staff should do" },
                    ["errors"] = new()
                    {
                        Type = "object",
                        Description = "Field errors of a rejected input: field name → messages",
                        AdditionalProperties = new OpenApiSchema { Type = "array", Items = new OpenApiSchema { Type = "string" } },
                    },
                },
            };
        }

        return new OpenApiSchema { Reference = new OpenApiReference { Type = ReferenceType.Schema, Id = SchemaId } };
    }
}
