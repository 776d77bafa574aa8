namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// Swagger (the document at <c>/swagger/v1/swagger.json</c> and the UI at <c>/swagger</c>) in a branch of the
/// pipeline that is built on the first request under <c>/swagger</c>. Its middleware (the UI's embedded files, the
/// document generator) cost several milliseconds to construct, and the helper starts each time the bank's page
/// launches it, where nobody opens Swagger; every other request passes by with one path comparison.
/// </summary>
public static class SwaggerOnDemand
{
    public const string RoutePrefix = "swagger";

    private static readonly PathString Prefix = "/" + RoutePrefix;

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
        branch.UseSwagger(o => o.PreSerializeFilters.Add((document, request) =>
            document.Servers = [new Microsoft.OpenApi.Models.OpenApiServer { Url = $"{request.Scheme}://{request.Host}" }]));
        branch.UseSwaggerUI(o =>
        {
            o.RoutePrefix = RoutePrefix;
            o.DocumentTitle = "CertPlatform helper API";
        });
        branch.Run(next);
        return branch.Build();
    }
}
