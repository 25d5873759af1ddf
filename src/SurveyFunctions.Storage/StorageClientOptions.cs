using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage;

/// <summary>
/// Pipeline options for <see cref="TableServiceClient"/> and <see cref="QueueServiceClient"/>.
/// Defaults are tuned for a busy, latency-sensitive service: quick exponential retries and a pooled transport with many connections.
/// </summary>
public sealed class StorageClientOptions : ClientOptions
{
    // One HttpClient for the process: sockets are pooled per handler, so sharing it is what makes connection reuse work.
    private static readonly Lazy<HttpPipelineTransport> SharedTransport = new(CreateTransport);

    public StorageClientOptions()
    {
        Retry.Mode = RetryMode.Exponential;
        Retry.MaxRetries = 5;
        Retry.Delay = TimeSpan.FromMilliseconds(100);
        Retry.MaxDelay = TimeSpan.FromSeconds(5);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        Transport = SharedTransport.Value;
    }

    private static HttpClientTransport CreateTransport()
    {
        var handler = new SocketsHttpHandler
        {
            // The default (int.MaxValue) is fine for HTTP/1.1 fan-out, but an explicit cap keeps a runaway caller from exhausting ports.
            MaxConnectionsPerServer = 256,
            // Re-resolve DNS periodically (storage front ends move) without churning connections on every request.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            // Timeouts are enforced per try by the pipeline's NetworkTimeout, not by HttpClient.
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        return new HttpClientTransport(handler);
    }
}
