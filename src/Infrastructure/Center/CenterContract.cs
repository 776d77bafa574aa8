using System.Text.Json;
using System.Text.Json.Serialization;

namespace CertPlatform.Infrastructure.Center;

/// <summary>
/// The JSON bodies of the center protocol v1 (docs/center-protocol.md), shared by the HTTP client and the sandbox's
/// HTTPS server. Plain classes rather than records: a record would print its passwords.
/// </summary>
public static class CenterContract
{
    public const string IssuancePath = "center/v1/issuance";
    public const string RenewalsPath = "center/v1/renewals";
    public const string TimePath = "center/v1/time";
    public const string RevocationsPath = "center/v1/certificates/revocations";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = CenterJsonContext.Default,
    };

    public static string OtpPath(string renewalId) => $"{RenewalsPath}/{Uri.EscapeDataString(renewalId)}/otp";

    public static string TimeSyncPath(string renewalId) => $"{RenewalsPath}/{Uri.EscapeDataString(renewalId)}/time-sync";

    /// <summary>The spelling of <c>next</c> on the wire.</summary>
    public static class Next
    {
        public const string Otp = "otp";
        public const string TimeSync = "timeSync";
        public const string Ticket = "ticket";
    }

    public sealed class IssuanceRequest
    {
        public string? LoginId { get; set; }

        public string? Password { get; set; }
    }

    public sealed class RenewalRequest
    {
        public string? Password { get; set; }
    }

    public sealed class OtpRequest
    {
        public string? Otp { get; set; }
    }

    public sealed class TimeSyncRequest
    {
        public string? Current { get; set; }

        public string? Next { get; set; }
    }

    public sealed class TicketBody
    {
        public string? Username { get; set; }

        public string? Password { get; set; }

        public DateTimeOffset? ExpiresAt { get; set; }
    }

    public sealed class SubjectBody
    {
        public string? Organization { get; set; }

        public string? OrganizationalUnit { get; set; }

        public string? CommonName { get; set; }
    }

    public sealed class IssuanceResponse
    {
        public TicketBody? Ticket { get; set; }

        public SubjectBody? Subject { get; set; }
    }

    public sealed class RenewalResponse
    {
        public string? RenewalId { get; set; }

        public string? Next { get; set; }

        public TicketBody? Ticket { get; set; }

        public SubjectBody? Subject { get; set; }
    }

    public sealed class TimeResponse
    {
        public DateTimeOffset? Time { get; set; }
    }

    /// <summary>Own certificate: the password only (the certificate is the TLS client certificate). Administrator: all three.</summary>
    public sealed class RevocationRequest
    {
        public string? LoginId { get; set; }

        public string? Password { get; set; }

        public string? SerialNumber { get; set; }
    }

    public sealed class RevocationResponse
    {
        public string? SerialNumber { get; set; }

        public string? Thumbprint { get; set; }

        public DateTimeOffset? RevokedAt { get; set; }
    }

    /// <summary>RFC 9457 problem details with the catalog <c>code</c>.</summary>
    public sealed class Problem
    {
        public string? Type { get; set; }

        public string? Title { get; set; }

        public int? Status { get; set; }

        public string? Code { get; set; }
    }
}

/// <summary>The center protocol's bodies, their contracts generated at build time (see <see cref="JsonContracts"/>).</summary>
[JsonSerializable(typeof(CenterContract.IssuanceRequest))]
[JsonSerializable(typeof(CenterContract.RenewalRequest))]
[JsonSerializable(typeof(CenterContract.OtpRequest))]
[JsonSerializable(typeof(CenterContract.TimeSyncRequest))]
[JsonSerializable(typeof(CenterContract.TicketBody))]
[JsonSerializable(typeof(CenterContract.SubjectBody))]
[JsonSerializable(typeof(CenterContract.IssuanceResponse))]
[JsonSerializable(typeof(CenterContract.RenewalResponse))]
[JsonSerializable(typeof(CenterContract.TimeResponse))]
[JsonSerializable(typeof(CenterContract.RevocationRequest))]
[JsonSerializable(typeof(CenterContract.RevocationResponse))]
[JsonSerializable(typeof(CenterContract.Problem))]
public sealed partial class CenterJsonContext : JsonSerializerContext;
