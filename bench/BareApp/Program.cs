var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/api/v1/status", () => Results.Ok(new { version = "bare" }));
app.Run();
