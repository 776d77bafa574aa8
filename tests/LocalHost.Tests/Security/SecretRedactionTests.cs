using CertPlatform.Application.Issuance;
using CertPlatform.Domain.Credentials;
using CertPlatform.LocalHost.Hosting;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace CertPlatform.LocalHost.Tests.Security;

/// <summary>The redaction policy on its own: whatever shape a secret is logged in, the log line says ***.</summary>
public class SecretRedactionTests
{
    private const string Password = "Redaction-Secret-1";

    [Fact]
    public void A_secret_type_is_masked()
    {
        var line = Render(log => log.Information("Checking {Credential}", LoginPassword.Parse(Password)));

        Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
        Assert.Contains("***", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Password")]
    [InlineData("LoginPassword")]
    [InlineData("Otp")]
    [InlineData("Ticket")]
    [InlineData("ApiToken")]
    [InlineData("Authorization")]
    [InlineData("PrivateKey")]
    public void A_property_named_for_a_secret_is_masked_whatever_its_type(string name)
    {
        var line = Render(log => log.Information("Value {" + name + "}", Password));

        Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_destructured_command_has_its_password_masked()
    {
        var line = Render(log => log.Information("Sending {@Command}", new IssueCertificate("demo01", Password)));

        Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
        Assert.Contains("demo01", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_nested_in_lists_and_dictionaries_are_masked()
    {
        var nested = new Dictionary<string, object>
        {
            ["steps"] = new object[] { new { Otp = "123456" }, new { Name = "fine" } },
            ["password"] = Password,
        };

        var line = Render(log => log.Information("Nested {@Value}", nested));

        Assert.DoesNotContain(Password, line, StringComparison.Ordinal);
        Assert.DoesNotContain("123456", line, StringComparison.Ordinal);
        Assert.Contains("fine", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_properties_are_left_alone()
    {
        var line = Render(log => log.Information("Refused {Method} {Path}", "POST", "/api/v1/certificates/issue"));

        Assert.Contains("/api/v1/certificates/issue", line, StringComparison.Ordinal);
    }

    private static string Render(Action<ILogger> write)
    {
        var sink = new RenderingSink();
        using (var logger = new LoggerConfiguration()
            .Destructure.With<SecretRedaction>()
            .Enrich.With<SecretRedaction>()
            .WriteTo.Sink(sink)
            .CreateLogger())
        {
            write(logger);
        }

        return sink.Text;
    }

    private sealed class RenderingSink : ILogEventSink
    {
        private readonly StringWriter _output = new();
        private readonly JsonFormatter _json = new(renderMessage: true);

        public string Text => _output.ToString();

        public void Emit(LogEvent logEvent) => _json.Format(logEvent, _output);
    }
}
