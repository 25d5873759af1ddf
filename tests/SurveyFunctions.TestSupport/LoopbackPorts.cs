using System.Net;
using System.Net.Sockets;

namespace SurveyFunctions.TestSupport;

/// <summary>Free TCP ports on 127.0.0.1, for the private Azurite, hosts and benchmark servers.</summary>
public static class LoopbackPorts
{
    /// <summary>Distinct free ports: all listeners are held open together so the OS cannot hand out one port twice.</summary>
    public static int[] Pick(int count)
    {
        var listeners = new TcpListener[count];
        try
        {
            var ports = new int[count];
            for (var i = 0; i < count; i++)
            {
                listeners[i] = new TcpListener(IPAddress.Loopback, 0);
                listeners[i].Start();
                ports[i] = ((IPEndPoint)listeners[i].LocalEndpoint).Port;
            }
            return ports;
        }
        finally
        {
            foreach (var listener in listeners)
                listener?.Stop();
        }
    }

    public static int PickOne() => Pick(1)[0];
}
