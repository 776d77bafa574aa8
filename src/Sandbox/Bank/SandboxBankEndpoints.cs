using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using CertPlatform.Domain.Credentials;
using CertPlatform.Domain.Errors;
using CertPlatform.Infrastructure;
using CertPlatform.Infrastructure.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace CertPlatform.Sandbox.Bank;

/// <summary>
/// The sandbox bank's pages under <c>/bank/</c> of the sandbox's HTTPS server: BLGI001 (<c>index.html</c>), BSMS001
/// (<c>acquire.html</c>) and the top page after login, as static files embedded in this assembly, and the small
/// JSON API they call. The certificate login reads the client certificate the browser presented in the TLS handshake.
/// </summary>
public static class SandboxBankEndpoints
{
    public const string PathBase = "/bank";
    public const string SessionCookie = "__Host-sandbox-bank";

    private const string DefaultHelperUrl = "http://127.0.0.1:52235/";

    /// <summary>Japanese as itself, not <c>\uXXXX</c>; what HTML gives meaning to (&lt; &gt; &amp; quotes) is still escaped.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter<BankLoginMethod>() },
        TypeInfoResolver = SandboxJsonContext.Default,
    };

    /// <summary>The helper's objects the bank uses: the same sandbox bank, and the helper's server to find its address.</summary>
    public static void AddServices(IServiceCollection server, IServiceProvider helper)
    {
        server.AddSingleton(helper.GetRequiredService<SandboxBank>());
        server.AddSingleton(helper.GetRequiredService<SandboxDownloads>());
        server.AddSingleton(new HelperLocation(helper.GetService<IServer>(), ConfiguredHelper(helper.GetRequiredService<IOptions<Http.SandboxHttpsOptions>>().Value)));
        server.AddSingleton(new BankLaunch(helper.GetRequiredService<IOptions<HelperOptions>>().Value.UrlScheme));
    }

    public static void Map(WebApplication app)
    {
        var pages = new BankPages(new EmbeddedFileProvider(typeof(SandboxBankEndpoints).Assembly, "CertPlatform.Sandbox.Bank.wwwroot"));

        // "/bank" itself gets its trailing slash from the default-files middleware; a route for it would also match "/bank/".
        app.MapGet("/", () => Results.Redirect(PathBase + "/"));
        app.UseWhen(c => c.Request.Path.StartsWithSegments(PathBase), bank =>
        {
            bank.Use(SecurityHeadersAsync);
            bank.UseDefaultFiles(new DefaultFilesOptions { FileProvider = pages, RequestPath = PathBase });
            bank.UseStaticFiles(new StaticFileOptions { FileProvider = pages, RequestPath = PathBase, ContentTypeProvider = new FileExtensionContentTypeProvider() });
        });

        var api = app.MapGroup(PathBase + "/api");
        api.MapGet("/config", (HelperLocation helper, BankLaunch launch) => Results.Json(new BankConfig(helper.Url, launch.Scheme), Json.Contract<BankConfig>()));
        api.MapGet("/downloads", (SandboxDownloads downloads) => Results.Json(downloads.List(), Json.Contract<IReadOnlyList<SandboxDownload>>()));
        app.MapGet(PathBase + "/downloads/{file}", (string file, SandboxDownloads downloads) =>
            downloads.PathOf(file) is { } path
                ? Results.File(path, ContentTypeOf(file), file, enableRangeProcessing: true)
                : Results.NotFound());
        api.MapPost("/login/certificate", LoginWithCertificateAsync);
        api.MapPost("/login/password", LoginWithPasswordAsync);
        api.MapGet("/session", (HttpContext context, SandboxBank bank) =>
            bank.Find(context.Request.Cookies[SessionCookie]) is { } session ? Results.Json(View(session), Json.Contract<SessionView>()) : Results.Unauthorized());
        api.MapPost("/logout", (HttpContext context, SandboxBank bank) =>
        {
            bank.Logout(context.Request.Cookies[SessionCookie]);
            context.Response.Cookies.Delete(SessionCookie, CookieOptions());
            return Results.NoContent();
        });
    }

    private static string ContentTypeOf(string file) =>
        file.EndsWith(".msi", StringComparison.Ordinal) ? "application/x-msi"
        : file.EndsWith(".deb", StringComparison.Ordinal) ? "application/vnd.debian.binary-package"
        : file.EndsWith(".zip", StringComparison.Ordinal) ? "application/zip"
        : "application/gzip";

    private static async Task<IResult> LoginWithCertificateAsync(HttpContext context, SandboxBank bank)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Problem(context, ErrorCatalog.G006e);
        }

        var presented = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
        return Login(context, () => bank.LoginWithCertificate(presented));
    }

    private static async Task<IResult> LoginWithPasswordAsync(HttpContext context, SandboxBank bank)
    {
        PasswordLogin? body = null;
        if (context.Request.HasJsonContentType())
        {
            try
            {
                body = await context.Request.ReadFromJsonAsync(Json.Contract<PasswordLogin>(), context.RequestAborted);
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        if (body is null || !LoginId.IsValid(body.LoginId) || !LoginPassword.IsValid(body.Password))
        {
            return Problem(context, ErrorCatalog.G006e);
        }

        return Login(context, () => bank.LoginWithPassword(LoginId.Parse(body.LoginId), LoginPassword.Parse(body.Password)));
    }

    private static IResult Login(HttpContext context, Func<BankSession> login)
    {
        try
        {
            var session = login();
            context.Response.Cookies.Append(SessionCookie, session.Id, CookieOptions());
            return Results.Json(View(session), Json.Contract<SessionView>());
        }
        catch (CertPlatformException ex)
        {
            return Problem(context, ex.Error);
        }
    }

    /// <summary>The catalog's code, message and remedy in the page's language (Accept-Language: ja or en).</summary>
    private static IResult Problem(HttpContext context, CatalogError error)
    {
        var language = context.Request.Headers.AcceptLanguage.ToString().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "ja";
        var status = error.Kind switch
        {
            ErrorKind.InvalidInput => StatusCodes.Status400BadRequest,
            ErrorKind.Locked => StatusCodes.Status423Locked,
            _ => StatusCodes.Status401Unauthorized,
        };
        return Results.Json(
            new BankProblem($"urn:certplatform:error:{error.Code}", error.MessageFor(language), status, error.Code, error.Remedy.For(language)),
            Json.Contract<BankProblem>(), "application/problem+json", status);
    }

    private static SessionView View(BankSession session) =>
        new(session.LoginId, session.Method, session.CommonName, session.CertificateNotAfter, session.RenewalOpensAt, session.RenewalOpen);

    private static CookieOptions CookieOptions() => new()
    {
        Secure = true,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
    };

    /// <summary>The bank's pages may call its own API and the helper on this PC, nothing else; nothing is cached or framed.</summary>
    private static Task SecurityHeadersAsync(HttpContext context, RequestDelegate next)
    {
        var helper = context.RequestServices.GetRequiredService<HelperLocation>();
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                $"connect-src 'self' {helper.Origin}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }

    internal sealed record PasswordLogin(string? LoginId, string? Password);

    /// <summary>What the bank's page needs to call the helper: its address and the URL scheme that starts it.</summary>
    internal sealed record BankConfig(string HelperUrl, string Scheme);

    /// <summary>The signed-in customer as the bank's page shows them (never the session's id).</summary>
    internal sealed record SessionView(string LoginId, BankLoginMethod Method, string? CommonName, DateTimeOffset? CertificateNotAfter, DateTimeOffset? RenewalOpensAt, bool RenewalOpen);

    internal sealed record BankProblem(string Type, string Title, int Status, string Code, string Remedy);

    /// <summary>
    /// Where the helper's own page is: the address its server listens on (read when asked, since the server binds
    /// after the sandbox starts), preferring 127.0.0.1; the default port when it cannot be known.
    /// </summary>
    /// <summary><c>Sandbox:Https:BankHelperUrl</c> when set (checked at start: a loopback http(s) address).</summary>
    private static Uri? ConfiguredHelper(Http.SandboxHttpsOptions options) =>
        string.IsNullOrWhiteSpace(options.BankHelperUrl) ? null : new Uri(options.BankHelperUrl);

    internal sealed class HelperLocation(IServer? server, Uri? configured = null)
    {
        public string Url
        {
            get
            {
                if (configured is not null)
                {
                    return configured.GetLeftPart(UriPartial.Authority) + "/";
                }

                var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
                var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal))
                    ?? addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.Ordinal));
                return chosen is null ? DefaultHelperUrl : chosen.TrimEnd('/') + "/";
            }
        }

        public string Origin => new Uri(Url).GetLeftPart(UriPartial.Authority);
    }
}

/// <summary>The URL scheme the bank's 「証明書発行アプリの起動」 opens: the one the helper's package registered.</summary>
internal sealed record BankLaunch(string Scheme);
