using CertPlatform.LocalHost.Endpoints;
using Microsoft.OpenApi.Any;
using Microsoft.OpenApi.Models;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>Examples in Swagger UI, so support staff can try a call with the sandbox's demo user.</summary>
public sealed class SwaggerExamples : ISchemaFilter
{
    public void Apply(OpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type == typeof(CertificateEndpoints.IssueRequest))
        {
            schema.Example = new OpenApiObject
            {
                ["loginId"] = new OpenApiString("demo01"),
                ["password"] = new OpenApiString("Sandbox-Pass-01"),
                ["keyAlgorithm"] = new OpenApiString("RSA-2048"),
            };
        }
        else if (context.Type == typeof(RenewalEndpoints.RenewalRequest))
        {
            schema.Example = new OpenApiObject { ["password"] = new OpenApiString("Sandbox-Pass-01") };
        }
        else if (context.Type == typeof(RenewalEndpoints.OtpRequest))
        {
            // The one-time password alone; for time sync send {"current": "…", "next": "…"} instead.
            schema.Example = new OpenApiObject { ["otp"] = new OpenApiString("123456") };
        }
    }
}
