using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// The document's security, as <see cref="Security.LocalApiGuard"/> has it: every operation may be called from an
/// allowlisted Origin, which OpenAPI cannot name (the empty requirement), or by a program with the API token.
/// </summary>
public sealed class SwaggerSecurity : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var token = new OpenApiSecurityScheme { Reference = new OpenApiReference { Type = ReferenceType.SecurityScheme, Id = LocalHostServices.ApiTokenScheme } };
        swaggerDoc.SecurityRequirements = [new OpenApiSecurityRequirement(), new OpenApiSecurityRequirement { [token] = [] }];
    }
}
