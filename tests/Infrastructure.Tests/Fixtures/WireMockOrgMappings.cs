using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CertPlatform.Infrastructure.Tests.Fixtures;

/// <summary>
/// Loads WireMock.org (Java) mapping files into an in-process WireMock.Net server, so the same files serve the
/// wiremock/wiremock container of docker-compose.test.yml. WireMock.Net's own reader of that format ignores
/// priorities, scenarios, delays and faults; this one supports the subset the mappings use, with Java's meaning
/// (urlPathPattern and "matches" match the whole value, "contains" a substring), and refuses anything else so a
/// mapping never means one thing here and another in the container.
/// </summary>
internal static class WireMockOrgMappings
{
    public const string FaultHeader = "X-Test-Fault";

    private static readonly string[] MappingKeys = ["name", "priority", "request", "response", "scenarioName", "requiredScenarioState", "newScenarioState"];
    private static readonly string[] RequestKeys = ["method", "urlPath", "urlPathPattern", "headers", "bodyPatterns"];
    private static readonly string[] ResponseKeys = ["status", "headers", "body", "jsonBody", "bodyFileName", "fixedDelayMilliseconds", "fault"];

    public static int Load(WireMockServer server, string root)
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "mappings"), "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var document = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            var mappings = document["mappings"] is JsonArray array ? array.Select(m => m!.AsObject()) : [document];
            foreach (var mapping in mappings)
            {
                Add(server, mapping, root, file);
                count++;
            }
        }

        return count;
    }

    /// <summary>Middleware for WireMockServerSettings.PreWireMockMiddlewareInit: a response marked as a fault closes the connection instead.</summary>
    public static void AbortFaults(object app) =>
        ((IApplicationBuilder)app).Use(async (HttpContext context, RequestDelegate next) =>
        {
            context.Response.OnStarting(() =>
            {
                if (context.Response.Headers.ContainsKey(FaultHeader))
                {
                    context.Abort();
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    private static void Add(WireMockServer server, JsonObject mapping, string root, string file)
    {
        Expect(mapping, MappingKeys, file);
        var request = Request.Create();
        var req = mapping["request"]!.AsObject();
        Expect(req, RequestKeys, file);
        if (req["urlPath"] is { } path)
        {
            request = request.WithPath(new ExactMatcher(path.GetValue<string>()));
        }

        if (req["urlPathPattern"] is { } pattern)
        {
            request = request.WithPath(new RegexMatcher($"^(?:{pattern.GetValue<string>()})$"));
        }

        if (req["method"]?.GetValue<string>() is { } method && method != "ANY")
        {
            request = request.UsingMethod(method);
        }

        foreach (var (name, matcher) in req["headers"]?.AsObject() ?? [])
        {
            request = request.WithHeader(name, StringMatcher(matcher!.AsObject(), file));
        }

        foreach (var body in req["bodyPatterns"]?.AsArray() ?? [])
        {
            request = request.WithBody(BodyMatcher(body!.AsObject(), file));
        }

        var provider = server.Given(request).WithTitle(mapping["name"]?.GetValue<string>() ?? Path.GetFileName(file));
        if (mapping["priority"] is { } priority)
        {
            provider = provider.AtPriority(priority.GetValue<int>());
        }

        if (mapping["scenarioName"]?.GetValue<string>() is { } scenario)
        {
            provider = provider.InScenario(scenario);
            // Java's scenarios begin in "Started"; WireMock.Net's begin in no state at all.
            if (mapping["requiredScenarioState"]?.GetValue<string>() is { } required && required != "Started")
            {
                provider = provider.WhenStateIs(required);
            }

            if (mapping["newScenarioState"]?.GetValue<string>() is { } next)
            {
                provider = provider.WillSetStateTo(next);
            }
        }

        provider.RespondWith(ResponseOf(mapping["response"]!.AsObject(), root, file));
    }

    private static IResponseBuilder ResponseOf(JsonObject response, string root, string file)
    {
        Expect(response, ResponseKeys, file);
        var builder = Response.Create();
        if (response["fault"]?.GetValue<string>() is { } fault)
        {
            // WireMock.Net's faults answer 200 with a broken body; Java's close the connection. The marker header
            // lets AbortFaults close it here too, after WireMock has matched the mapping and moved its scenario on.
            return fault is "EMPTY_RESPONSE" or "CONNECTION_RESET_BY_PEER"
                ? builder.WithStatusCode(200).WithHeader(FaultHeader, fault)
                : throw new NotSupportedException($"{file}: fault {fault} is not supported here.");
        }

        builder = builder.WithStatusCode(response["status"]?.GetValue<int>() ?? 200);
        foreach (var (name, value) in response["headers"]?.AsObject() ?? [])
        {
            builder = builder.WithHeader(name, value!.GetValue<string>());
        }

        if (response["body"]?.GetValue<string>() is { } body)
        {
            builder = builder.WithBody(body);
        }

        if (response["jsonBody"] is { } json)
        {
            builder = builder.WithBody(json.ToJsonString());
        }

        if (response["bodyFileName"]?.GetValue<string>() is { } bodyFile)
        {
            builder = builder.WithBody(File.ReadAllBytes(Path.Combine(root, "__files", bodyFile)));
        }

        if (response["fixedDelayMilliseconds"] is { } delay)
        {
            builder = builder.WithDelay(TimeSpan.FromMilliseconds(delay.GetValue<int>()));
        }

        return builder;
    }

    private static IStringMatcher StringMatcher(JsonObject matcher, string file)
    {
        var (kind, value) = Single(matcher, file);
        return kind switch
        {
            "equalTo" => new ExactMatcher(value),
            "contains" => new RegexMatcher(Regex.Escape(value)),
            "matches" => new RegexMatcher($"^(?:{value})$"),
            _ => throw new NotSupportedException($"{file}: header matcher {kind} is not supported here."),
        };
    }

    private static IMatcher BodyMatcher(JsonObject matcher, string file)
    {
        var (kind, value) = Single(matcher, file);
        return kind switch
        {
            "matchesJsonPath" => new JsonPathMatcher(value),
            "contains" => new RegexMatcher(Regex.Escape(value)),
            _ => throw new NotSupportedException($"{file}: body matcher {kind} is not supported here."),
        };
    }

    private static (string Kind, string Value) Single(JsonObject matcher, string file)
    {
        if (matcher.Count != 1)
        {
            throw new NotSupportedException($"{file}: a matcher has exactly one operator here.");
        }

        var (kind, value) = matcher.First();
        return (kind, value!.GetValue<string>());
    }

    private static void Expect(JsonObject node, string[] allowed, string file)
    {
        var unknown = node.Select(p => p.Key).Except(allowed, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new NotSupportedException($"{file}: {string.Join(", ", unknown)} not supported by the in-process loader.");
        }
    }
}
