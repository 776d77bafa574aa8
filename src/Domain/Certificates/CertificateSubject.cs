using System.Globalization;
using System.Text;
using CertPlatform.Domain.Credentials;

namespace CertPlatform.Domain.Certificates;

/// <summary>
/// The subject of a customer certificate as the manual shows it on CCHK007:
/// <c>O = (bank code)ORGANIZATION</c>, <c>OU = (bank code)CA NAME</c>,
/// <c>CN = &lt;loginId&gt; &lt;user code&gt; &lt;yyyyMMddHHmmssffffff&gt;</c>.
/// </summary>
public sealed record CertificateSubject(string Organization, string OrganizationalUnit, string CommonName)
{
    public const string TimestampFormat = "yyyyMMddHHmmssffffff";

    /// <summary>Builds the subject the center authorizes for a user at an instant (the center's local time).</summary>
    public static CertificateSubject For(
        string bankCode, string organizationName, string caName, LoginId loginId, string userCode, DateTimeOffset at) =>
        new(
            $"({bankCode}){organizationName}",
            $"({bankCode}){caName}",
            $"{loginId.Value} {userCode} {at.ToString(TimestampFormat, CultureInfo.InvariantCulture)}");

    /// <summary>The RFC 4514 form, most specific first, as certificate viewers print it.</summary>
    public string ToDistinguishedName()
    {
        var builder = new StringBuilder();
        builder.Append("CN=").Append(Escape(CommonName));
        builder.Append(", OU=").Append(Escape(OrganizationalUnit));
        builder.Append(", O=").Append(Escape(Organization));
        return builder.ToString();
    }

    /// <summary>The login ID that starts the CN, or null when the CN is not of the customer form.</summary>
    public string? LoginIdPart()
    {
        var space = CommonName.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 ? CommonName[..space] : null;
    }

    private static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var special = c is ',' or '+' or '"' or '\\' or '<' or '>' or ';' or '='
                || (i == 0 && (c == '#' || c == ' '))
                || (i == value.Length - 1 && c == ' ');
            if (special)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
