using CertPlatform.Application.Ports;
using CertPlatform.Domain.Updates;
using Mediator;

namespace CertPlatform.Application.Diagnostics;

/// <summary>What the bank's page and the helper's own page ask first: is the helper there, which version, which center.</summary>
public sealed record GetStatus : IQuery<HelperStatus>;

/// <param name="CenterMode">Embedded (the sandbox) or Remote (the bank's center).</param>
/// <param name="Store">Where certificates go (<c>NSS sql:/home/…/.pki/nssdb</c>, <c>X509Store CurrentUser\My</c>).</param>
/// <param name="KeyStorage">
/// Where a new key is made: <c>tpm</c> (the PC's TPM, Windows; making an RSA key there takes up to a minute, which
/// the page says while it waits) or <c>software</c>.
/// </param>
public sealed record HelperStatus(string Version, string CenterMode, DateTimeOffset Time, string Store, string KeyStorage);

public sealed class GetStatusHandler(RunningVersion running, IConnectionProbe connection, ICertificateStore store, IKeyFactory keys, TimeProvider time)
    : IQueryHandler<GetStatus, HelperStatus>
{
    public ValueTask<HelperStatus> Handle(GetStatus query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new HelperStatus(
            running.ToString(), connection.CenterMode, time.GetUtcNow(), store.Description, keys.MayUseTpm ? "tpm" : "software"));
}
