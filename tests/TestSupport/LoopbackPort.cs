using System.Net;
using System.Net.Sockets;

namespace CertPlatform.TestSupport;

/// <summary>Loopback ports for the servers a test starts.</summary>
public static class LoopbackPort
{
    /// <summary>A loopback port nothing listens on just now (a refused connection, or the next server's port).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
