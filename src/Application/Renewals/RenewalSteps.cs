using CertPlatform.Application.Certificates;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Errors;
using CertPlatform.Domain.Renewals;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Renewals;

/// <summary>
/// What every renewal step does around the center's answer: check the renewal waits for this input, ask the
/// center, move the state machine to what the center wants next, and once the center gives a ticket make a
/// new key, re-enroll proving the current certificate's key, and install. A wrong, replayed or unsynchronised
/// code leaves the renewal where it was, so the user can enter it again; any other refusal ends it.
/// </summary>
public sealed class RenewalSteps(
    RenewalSessions sessions,
    ICertificateAuthority authority,
    ICertificateStore store,
    CertificateInstaller installer,
    KnownRevocations revocations,
    TimeProvider time,
    ILogger<RenewalSteps> logger)
{
    /// <param name="session">A renewal claimed for this step; it is released here whatever happens.</param>
    /// <param name="askCenter">Sends the user's answer to the center.</param>
    public async Task<RenewalProgress> RunAsync(
        RenewalSession session,
        RenewalInput input,
        Func<RenewalSession, CancellationToken, Task<CenterRenewalStep>> askCenter,
        CancellationToken cancellationToken)
    {
        try
        {
            // Out of order or already finished: nothing was sent, the renewal stays as it was.
            session.Renewal.EnsureAwaits(input);
            var reachedCenter = false;
            try
            {
                CenterRenewalStep answer;
                try
                {
                    answer = await askCenter(session, cancellationToken);
                }
                catch (CertPlatformException ex) when (ex.Error == ErrorCatalog.G009e)
                {
                    // The proxy stopped the request before the center saw it: the same step may be sent again once the
                    // user has signed in to the proxy, and the renewal waits for it.
                    logger.LogWarning("Renewal {RenewalId} of {Thumbprint} waits at {Input}: the proxy wants its ID and password (G009e)",
                        session.Id, session.Renewal.Thumbprint, input);
                    throw;
                }

                reachedCenter = true;
                if (input == RenewalInput.Password)
                {
                    session.CenterRenewalId = answer.RenewalId;
                    session.Renewal.PasswordVerified(time.GetUtcNow());
                }

                return await ContinueAsync(session, answer);
            }
            catch (Exception ex) when (!MayTryAgain(ex) && (reachedCenter || ex is not CertPlatformException { Error.Code: "G009e" }))
            {
                if (!session.Renewal.IsFinished)
                {
                    session.Renewal.Fail(time.GetUtcNow());
                }

                if (ex is CertPlatformException { Error: var revoked } && revoked == ErrorCatalog.G208e)
                {
                    revocations.Revoked(session.Renewal.Thumbprint);
                }

                logger.LogWarning("Renewal {RenewalId} of {Thumbprint} ended at {Input} with {Code}",
                    session.Id, session.Renewal.Thumbprint, input, (ex as CertPlatformException)?.Error.Code ?? ex.GetType().Name);
                throw;
            }
        }
        finally
        {
            sessions.Release(session);
        }
    }

    private async Task<RenewalProgress> ContinueAsync(RenewalSession session, CenterRenewalStep answer)
    {
        var renewal = session.Renewal;
        switch (answer.Next)
        {
            case CenterRenewalNext.Otp:
                renewal.RequireOtp(time.GetUtcNow());
                return new RenewalProgress(session.Id, RenewalNext.Otp);
            case CenterRenewalNext.TimeSync:
                renewal.RequireTimeSync(time.GetUtcNow());
                logger.LogInformation("Renewal {RenewalId} of {Thumbprint} needs the token's time synchronisation", session.Id, renewal.Thumbprint);
                return new RenewalProgress(session.Id, RenewalNext.TimeSync);
            case CenterRenewalNext.Ticket:
                break;
            default:
                throw new InvalidOperationException($"The center asked for an unknown step {answer.Next}.");
        }

        if (answer.Ticket is not { } ticket || answer.Subject is not { } subject)
        {
            throw new InvalidOperationException("The center authorized the renewal without a ticket or a subject.");
        }

        renewal.Authorize(time.GetUtcNow());
        using var current = store.Find(renewal.Thumbprint) ?? throw new CertPlatformException(ErrorCatalog.G203e);

        // The center has spent its one-time ticket on this: finish even if the page that asked goes away.
        var result = await installer.InstallAsync(
            subject,
            session.KeyAlgorithm,
            (request, ct) => authority.ReenrollAsync(request, ticket, current, ct),
            CancellationToken.None,
            renews: renewal.Thumbprint);

        renewal.Complete(time.GetUtcNow());
        logger.LogInformation("Renewal {RenewalId} replaced {Thumbprint} with {NewThumbprint}", session.Id, renewal.Thumbprint, result.Thumbprint);
        return new RenewalProgress(session.Id, RenewalNext.Completed, result);
    }

    /// <summary>A wrong (G103e), replayed (G104e) or unsynchronised (G105e) code: the user may enter it again.</summary>
    private static readonly CatalogError[] Retryable = [ErrorCatalog.G103e, ErrorCatalog.G104e, ErrorCatalog.G105e];

    private static bool MayTryAgain(Exception exception) =>
        exception is CertPlatformException known && Retryable.Contains(known.Error);
}
