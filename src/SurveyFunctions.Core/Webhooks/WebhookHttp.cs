using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// The one HTTP client deliveries use: no redirects followed (a 3xx is a failed attempt, not a trip to wherever it points),
/// a timeout per attempt, and a connect step that resolves the host itself and connects only to an address outside the
/// forbidden ranges (<see cref="WebhookTargets.Forbidden"/>) unless the host is allowed: the address checked is the one
/// connected to, so DNS rebinding between a check and the connection cannot slip an inner address through.
/// </summary>
public sealed class WebhookHttp : IDisposable
{
    public WebhookHttp(WebhookTargets targets, IOptions<SurveyFunctionsOptions> options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectCallback = (context, ct) => ConnectAsync(targets, context.DnsEndPoint, ct),
        };
        Client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds) };
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();

    private static async ValueTask<Stream> ConnectAsync(WebhookTargets targets, DnsEndPoint endpoint, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, ct).ConfigureAwait(false);
        if (!targets.IsAllowedHost(endpoint.Host))
        {
            var refused = addresses.Select(a => (Address: a, Range: WebhookTargets.Forbidden(a))).ToArray();
            addresses = [.. refused.Where(a => a.Range is null).Select(a => a.Address)];
            if (addresses.Length == 0)
            {
                var why = refused.Length == 0 ? "it does not resolve" : $"it resolves to a {refused[0].Range} address ({refused[0].Address})";
                throw new WebhookTargetRefusedException($"Refused to connect to {endpoint.Host}: {why}.");
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A delivery's target resolved only to addresses webhooks may not reach.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
