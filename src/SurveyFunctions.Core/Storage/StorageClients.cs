using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;

namespace SurveyFunctions.Core.Storage;

/// <summary>
/// Builds the Azure SDK service clients once, from the connection conventions the Functions runtime itself reads:
/// setting <c>name</c> holds a connection string (incl. <c>UseDevelopmentStorage=true</c> and explicit Azurite
/// endpoints), or <c>name__accountName</c> / <c>__tableServiceUri</c> / <c>__queueServiceUri</c> / <c>__credential</c> /
/// <c>__clientId</c> (":" works as the separator too) describe an identity-based connection.
/// </summary>
public static class StorageClients
{
    private const string DefaultEndpointSuffix = "core.windows.net";

    // One HttpClient for the process: sockets are pooled per handler, so sharing it is what makes connection reuse work.
    private static readonly Lazy<HttpPipelineTransport> SharedTransport = new(CreateTransport);

    public static (TableServiceClient Tables, QueueServiceClient Queues) FromSettings(
        string name,
        Func<string, string?> getSetting,
        Action<ClientOptions>? configure = null) =>
        FromSettings(name, getSetting, CreateCredential, configure);

    // Seam for tests: lets them see which credential would be built and substitute a fake one.
    internal static (TableServiceClient Tables, QueueServiceClient Queues) FromSettings(
        string name,
        Func<string, string?> getSetting,
        Func<string?, string?, TokenCredential> credentialFactory,
        Action<ClientOptions>? configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var tableOptions = Configure(new TableClientOptions(), configure);
        var queueOptions = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, configure);

        var connectionString = getSetting(name);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            try
            {
                return (new TableServiceClient(connectionString, tableOptions), new QueueServiceClient(connectionString, queueOptions));
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
            {
                // Never echo the connection string: it holds the account key.
                throw new FormatException($"Storage connection '{name}' is not a valid storage connection string ({ex.GetType().Name}).");
            }
        }

        var tableUri = Setting(name, "tableServiceUri", getSetting);
        var queueUri = Setting(name, "queueServiceUri", getSetting);
        var accountName = Setting(name, "accountName", getSetting);
        if (accountName is null && tableUri is null && queueUri is null)
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string, or '{name}__accountName' (or " +
                    $"'{name}__tableServiceUri' and '{name}__queueServiceUri') for identity-based access.");
        }
        var tableEndpoint = Endpoint(tableUri, accountName, "table", name + "__tableServiceUri", name);
        var queueEndpoint = Endpoint(queueUri, accountName, "queue", name + "__queueServiceUri", name);
        var credential = credentialFactory(Setting(name, "credential", getSetting), Setting(name, "clientId", getSetting));
        return (new TableServiceClient(tableEndpoint, credential, tableOptions), new QueueServiceClient(queueEndpoint, credential, queueOptions));
    }

    /// <summary>
    /// Defaults for a busy, latency-sensitive service: quick exponential retries, a per-try network timeout and one
    /// shared pooled transport; then the caller's changes (tests add fault-injection policies here).
    /// </summary>
    internal static T Configure<T>(T options, Action<ClientOptions>? configure) where T : ClientOptions
    {
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 5;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(5);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.Transport = SharedTransport.Value;
        configure?.Invoke(options);
        return options;
    }

    internal static TokenCredential CreateCredential(string? credentialKind, string? clientId)
    {
        if (string.Equals(credentialKind, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return new ManagedIdentityCredential(string.IsNullOrEmpty(clientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(clientId));
        }
        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrEmpty(clientId))
            options.ManagedIdentityClientId = clientId;
        return new DefaultAzureCredential(options);
    }

    internal static Uri Endpoint(string? explicitUri, string? accountName, string service, string settingName, string name)
    {
        if (explicitUri is not null)
        {
            return Uri.TryCreate(explicitUri, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                ? uri
                : throw new FormatException($"'{settingName}' must be an absolute http(s) URI.");
        }
        if (accountName is null)
            throw new InvalidOperationException($"Storage connection '{name}' needs '{name}__accountName' or '{settingName}'.");
        return new Uri($"https://{accountName}.{service}.{DefaultEndpointSuffix}");
    }

    internal static string? Setting(string name, string key, Func<string, string?> getSetting)
    {
        var value = getSetting(name + ":" + key);
        if (string.IsNullOrWhiteSpace(value))
            value = getSetting(name + "__" + key);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static HttpClientTransport CreateTransport()
    {
        var handler = new SocketsHttpHandler
        {
            // An explicit cap keeps a runaway caller from exhausting ports.
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
