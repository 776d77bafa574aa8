using System.Net.Http.Json;
using OtpNet;

namespace CertPlatform.Browser.Tests;

/// <summary>
/// A demo user's hardware token, read as the user would: the code it shows now comes from the helper's sandbox
/// token endpoint (GET /api/v1/sandbox/tokens/{loginId}); the code it will show one minute later (CCHK004) is the
/// next RFC 6238 step of the sandbox's published demo secret, so a test need not wait a minute for it.
/// </summary>
public sealed class DemoToken(HelperProcess helper, string loginId)
{
    private const string DemoSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    private const int StepSeconds = 60;

    public async Task<string> CurrentCodeAsync()
    {
        using var client = new HttpClient();
        var display = await client.GetFromJsonAsync<Display>(new Uri($"{helper.Url}api/v1/sandbox/tokens/{loginId}"));
        return display!.Code;
    }

    /// <summary>The code now and the one a minute later, as the user reads them off a (possibly drifted) token.</summary>
    public async Task<(string Current, string Next)> CurrentAndNextCodesAsync()
    {
        var current = await CurrentCodeAsync();
        var hotp = new Hotp(Base32Encoding.ToBytes(DemoSecret), OtpHashMode.Sha1, 6);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / StepSeconds;
        // The token may run ahead or behind: find the step it showed, within the center's ±10 minutes.
        for (var step = now - 12; step <= now + 12; step++)
        {
            if (hotp.ComputeHOTP(step) == current)
            {
                return (current, hotp.ComputeHOTP(step + 1));
            }
        }

        throw new InvalidOperationException($"The code of {loginId}'s token is not one of the demo secret's steps around now.");
    }

    private sealed record Display(string LoginId, string Code, int SecondsRemaining);
}
