using System.Net.Http.Json;
using CertPlatform.TestSupport;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// A demo user's hardware token, read as the user would: the code it shows now comes from the helper's sandbox
/// token endpoint (GET /api/v1/sandbox/tokens/{loginId}), which the sandbox panel shows too.
/// </summary>
public sealed class DemoToken(HelperProcess helper, string loginId)
{
    public async Task<string> CurrentCodeAsync()
    {
        using var client = new HttpClient();
        var display = await client.GetFromJsonAsync<Display>(new Uri($"{helper.Url}api/v1/sandbox/tokens/{loginId}"));
        return display!.Code;
    }

    private sealed record Display(string LoginId, string Code, int SecondsRemaining, string NextCode);
}
