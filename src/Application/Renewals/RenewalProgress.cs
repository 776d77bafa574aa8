using System.Text.Json.Serialization;
using CertPlatform.Application.Certificates;

namespace CertPlatform.Application.Renewals;

/// <summary>What the screen shows next: CCHK003, CCHK004 or the result (CCHK007).</summary>
// The API's words are part of the contract the web UI is built against, whatever the host's JSON options say.
[JsonConverter(typeof(JsonStringEnumConverter<RenewalNext>))]
public enum RenewalNext
{
    [JsonStringEnumMemberName("otp")]
    Otp,

    [JsonStringEnumMemberName("timeSync")]
    TimeSync,

    [JsonStringEnumMemberName("completed")]
    Completed,
}

/// <summary>The answer to each renewal step: the renewal's id, what comes next, and the new certificate at the end.</summary>
public sealed record RenewalProgress(string RenewalId, RenewalNext Next, IssuedCertificate? Result = null);
