using CertPlatform.Application.Ports;
using CertPlatform.Domain.Certificates;

namespace CertPlatform.Infrastructure.Tests.Fixtures;

/// <summary>
/// The key factory port faked: always the customer key of the test PKI, because a static WireMock answer can only
/// return a certificate made in advance. Counts the keys it handed out and those discarded.
/// </summary>
internal sealed class FixedKeyFactory : IKeyFactory
{
    private int _created;
    private int _discarded;

    public int Created => _created;

    public int Discarded => _discarded;

    public GeneratedKey Create(KeyAlgorithm algorithm)
    {
        Interlocked.Increment(ref _created);
        return new GeneratedKey(KeyAlgorithm.Rsa2048, TestPki.CustomerKey(), () => Interlocked.Increment(ref _discarded));
    }

    public GeneratedKey Restore(PendingInstall install) => new(KeyAlgorithm.Rsa2048, TestPki.CustomerKey());
}
