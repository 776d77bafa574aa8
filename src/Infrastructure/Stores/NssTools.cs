using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using CertPlatform.Domain.Errors;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Infrastructure.Stores;

/// <summary>
/// Runs the NSS command-line tools (<c>certutil</c>, <c>pk12util</c> from libnss3-tools). Secrets never go on a
/// command line, which other users can read in <c>/proc</c>, nor into a file, which a crash would leave behind: a
/// one-time PKCS#12 password travels through the tool's standard input (<c>-w /dev/stdin</c>), a pipe.
/// Standard input is closed after it, so a tool that would prompt (a database with a primary password) fails instead of hanging.
/// </summary>
internal sealed class NssTools(string toolsDirectory, ILogger logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public NssToolResult Run(string tool, params string[] arguments) => RunWithInput(tool, input: null, arguments);

    /// <param name="input">Written to the tool's standard input, then closed: a password read from <c>/dev/stdin</c>.</param>
    public NssToolResult RunWithInput(string tool, string? input, string[] arguments)
    {
        var path = string.IsNullOrWhiteSpace(toolsDirectory) ? tool : Path.Combine(toolsDirectory, tool);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CertPlatformException(ErrorCatalog.G230e);
        }
        catch (Win32Exception ex)
        {
            logger.LogError(new EventId(2301, "NssToolMissing"), ex, "The NSS tool {Tool} could not be started", path);
            throw new CertPlatformException(ErrorCatalog.G230e, innerException: ex);
        }

        using (process)
        {
            if (input is not null)
            {
                try
                {
                    process.StandardInput.Write(input);
                }
                catch (IOException)
                {
                    // The tool ended before it read its input; its exit code says why.
                }
            }

            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                logger.LogError(new EventId(2302, "NssToolTimeout"), "{Tool} {Command} did not finish in {Timeout}", tool, arguments.FirstOrDefault(), Timeout);
                throw new CertPlatformException(ErrorCatalog.G231e);
            }

            process.WaitForExit();
            return new NssToolResult(tool, arguments.FirstOrDefault() ?? string.Empty, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }

    /// <summary>Runs a tool that must succeed; a failure is logged with what the tool said and becomes G231e.</summary>
    public NssToolResult RunOrFail(string tool, params string[] arguments) => RunWithInputOrFail(tool, input: null, arguments);

    /// <summary>As <see cref="RunOrFail"/>, with <paramref name="input"/> on the tool's standard input.</summary>
    public NssToolResult RunWithInputOrFail(string tool, string? input, string[] arguments)
    {
        var result = RunWithInput(tool, input, arguments);
        if (result.ExitCode != 0)
        {
            logger.LogError(new EventId(2303, "NssToolFailed"), "{Tool} {Command} failed with exit code {ExitCode}: {Output}",
                tool, result.Command, result.ExitCode, result.Error.Trim());
            throw new CertPlatformException(ErrorCatalog.G231e);
        }

        return result;
    }
}

internal sealed record NssToolResult(string Tool, string Command, int ExitCode, string Output, string Error);
