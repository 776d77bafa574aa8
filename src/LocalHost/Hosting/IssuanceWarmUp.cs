using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CertPlatform.Application.Issuance;
using CertPlatform.Application.Ports;
using CertPlatform.Infrastructure.Hosting;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace CertPlatform.LocalHost.Hosting;

/// <summary>
/// The customer's first issuance, measured (issue #19), paid for what the second did not: the certificate store read
/// for the first time (the NSS database opened and read, through NSS's library or a <c>certutil</c> run per
/// certificate where it does not load), the first certificate chain built (which reads the machine's trust stores),
/// the request's validator, key generation and request signing running for the first time. From the host's start on,
/// this does that work on the thread pool, beside the server's own start and while the customer is still reading the
/// bank's page. Nothing is installed, issued or kept but what the store keeps anyway; an issuance that arrives first
/// waits on the store's own lock for the read under way instead of starting a second one. A failure changes nothing:
/// it is logged, and the issuance meets and reports it as it would have.
/// </summary>
public sealed class IssuanceWarmUp(
    ICertificateStore store,
    IValidator<IssueCertificate> validator,
    IOptions<HelperOptions> options,
    ILogger<IssuanceWarmUp> logger) : IHostedService
{
    private static readonly Lock CryptoGate = new();
    private static Task? _crypto;

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Ends when the warm-up has run (or was not wanted).</summary>
    public Task Completion => _done.Task;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.WarmUp)
        {
            _done.TrySetResult();
            return Task.CompletedTask;
        }

        // Beside the rest of the start rather than after it: the server's own start does not wait for the store's open
        // and read; an issuance that comes first waits for them on the store's lock instead of doing them again.
        _ = Task.Run(Run, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Starts the part that needs no service, before the host is even built (Program.cs): key generation, a request's
    /// signature and a certificate chain built as the issued certificate's check builds one, whose first build reads
    /// the machine's trust stores (/etc/ssl/certs on Linux): the largest part of what the first issuance paid over
    /// the second once the store's reads were gone. Once per process.
    /// </summary>
    public static Task BeginCrypto()
    {
        lock (CryptoGate)
        {
            return _crypto ??= Task.Run(WarmCrypto);
        }
    }

    private static void WarmCrypto()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=warm-up", key, HashAlgorithmName.SHA256);
        _ = request.CreateSigningRequest();
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.CustomTrustStore.Add(selfSigned);
        _ = chain.Build(selfSigned);
    }

    private void Run()
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            store.WarmUp();
            var storeMilliseconds = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            // A made-up request, never sent: the validator once; then the crypto begun before the host was built.
            _ = validator.Validate(new IssueCertificate("warmup01", "Warm-up-Pass-01", "ECDSA-P256"));
            BeginCrypto().GetAwaiter().GetResult();

            logger.LogInformation(
                new EventId(1031, "IssuanceWarmedUp"), "The issuance path is ready: {Milliseconds:0} ms in the background ({StoreMilliseconds:0} ms for {Store})",
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, storeMilliseconds, store.Description);
        }
        catch (Exception ex)
        {
            logger.LogWarning(new EventId(1032, "IssuanceWarmUpFailed"), "Making the issuance path ready ahead failed with {ExceptionType}; the first issuance will meet it", ex.GetType().Name);
        }
        finally
        {
            _done.TrySetResult();
        }
    }
}
