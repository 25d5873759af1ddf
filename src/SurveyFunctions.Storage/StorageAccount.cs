using System.Globalization;
using Azure.Core;
using Azure.Identity;

namespace SurveyFunctions.Storage;

/// <summary>
/// Where the account lives (table and queue endpoints) and how to authenticate (account key or token credential).
/// Parse once at startup and share; it is immutable.
/// </summary>
public sealed class StorageAccount
{
    internal const string DevelopmentAccountName = "devstoreaccount1";

    // The documented, public Azurite/emulator key; not a secret.
    internal const string DevelopmentAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private const string DefaultEndpointSuffix = "core.windows.net";

    private StorageAccount(string accountName, Uri tableEndpoint, Uri queueEndpoint, StorageSharedKey? sharedKey, TokenCredential? tokenCredential)
    {
        AccountName = accountName;
        TableEndpoint = tableEndpoint;
        QueueEndpoint = queueEndpoint;
        SharedKey = sharedKey;
        TokenCredential = tokenCredential;
    }

    public string AccountName { get; }

    public Uri TableEndpoint { get; }

    public Uri QueueEndpoint { get; }

    internal StorageSharedKey? SharedKey { get; }

    internal TokenCredential? TokenCredential { get; }

    /// <summary>
    /// Parses a storage connection string: <c>UseDevelopmentStorage=true</c> (optionally with DevelopmentStorageProxyUri),
    /// account name/key with protocol and suffix, and/or explicit TableEndpoint/QueueEndpoint (e.g. Azurite on other ports).
    /// Errors never include the account key.
    /// </summary>
    public static StorageAccount Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new FormatException("The storage connection string is empty.");
        }

        var settings = ParseSettings(connectionString);

        if (settings.TryGetValue("UseDevelopmentStorage", out var useDev))
        {
            if (!string.Equals(useDev, "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException("UseDevelopmentStorage must be 'true' when present.");
            }
            return DevelopmentStorage(settings.GetValueOrDefault("DevelopmentStorageProxyUri"));
        }

        if (settings.ContainsKey("SharedAccessSignature"))
        {
            throw new FormatException("SAS connection strings are not supported; use an account key or managed identity.");
        }

        var protocol = settings.GetValueOrDefault("DefaultEndpointsProtocol") ?? "https";
        if (!string.Equals(protocol, "https", StringComparison.OrdinalIgnoreCase) && !string.Equals(protocol, "http", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException("DefaultEndpointsProtocol must be 'http' or 'https'.");
        }
        protocol = protocol.ToLowerInvariant();
        var suffix = settings.GetValueOrDefault("EndpointSuffix") ?? DefaultEndpointSuffix;

        var tableEndpoint = OptionalEndpoint(settings, "TableEndpoint");
        var queueEndpoint = OptionalEndpoint(settings, "QueueEndpoint");

        var accountName = settings.GetValueOrDefault("AccountName");
        if (string.IsNullOrEmpty(accountName))
        {
            accountName = (tableEndpoint ?? queueEndpoint) is { } endpoint ? AccountNameFromEndpoint(endpoint) : null;
        }
        if (string.IsNullOrEmpty(accountName))
        {
            throw new FormatException("The storage connection string has neither AccountName nor TableEndpoint/QueueEndpoint (expected e.g. 'AccountName=...;AccountKey=...' or 'UseDevelopmentStorage=true').");
        }

        if (!settings.TryGetValue("AccountKey", out var accountKey) || string.IsNullOrEmpty(accountKey))
        {
            throw new FormatException("The storage connection string has no AccountKey; use FromIdentity/FromSettings for token authentication.");
        }

        tableEndpoint ??= DefaultEndpoint(protocol, accountName, "table", suffix);
        queueEndpoint ??= DefaultEndpoint(protocol, accountName, "queue", suffix);
        return new StorageAccount(accountName, tableEndpoint, queueEndpoint, new StorageSharedKey(accountName, DecodeKey(accountKey)), null);
    }

    /// <summary>Token (Entra ID) authentication; endpoints default to the public-cloud ones for the account.</summary>
    public static StorageAccount FromIdentity(string accountName, TokenCredential credential, Uri? tableEndpoint = null, Uri? queueEndpoint = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        ArgumentNullException.ThrowIfNull(credential);
        return new StorageAccount(
            accountName,
            Normalize(tableEndpoint) ?? DefaultEndpoint("https", accountName, "table", DefaultEndpointSuffix),
            Normalize(queueEndpoint) ?? DefaultEndpoint("https", accountName, "queue", DefaultEndpointSuffix),
            null,
            credential);
    }

    /// <summary>
    /// The Azure Functions connection convention: setting <c>name</c> is a connection string; otherwise
    /// <c>name:accountName</c> / <c>name:tableServiceUri</c> / <c>name:queueServiceUri</c> / <c>name:credential</c> / <c>name:clientId</c>
    /// (":" or "__" separator) describe an identity-based connection.
    /// </summary>
    public static StorageAccount FromSettings(string name, Func<string, string?> getSetting) =>
        FromSettings(name, getSetting, CreateCredential);

    // Seam for tests: lets them observe which credential would be built and substitute a fake one.
    internal static StorageAccount FromSettings(string name, Func<string, string?> getSetting, Func<string?, string?, TokenCredential> credentialFactory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(getSetting);
        ArgumentNullException.ThrowIfNull(credentialFactory);

        var connectionString = getSetting(name);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return Parse(connectionString);
        }

        var accountName = Setting(name, "accountName", getSetting);
        var tableUri = Setting(name, "tableServiceUri", getSetting);
        var queueUri = Setting(name, "queueServiceUri", getSetting);
        var tableEndpoint = tableUri is null ? null : ParseUri(tableUri, name + ":tableServiceUri");
        var queueEndpoint = queueUri is null ? null : ParseUri(queueUri, name + ":queueServiceUri");

        if (string.IsNullOrWhiteSpace(accountName))
        {
            accountName = (tableEndpoint ?? queueEndpoint) is { } endpoint ? AccountNameFromEndpoint(endpoint) : null;
        }
        if (string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                $"Storage connection '{name}' is not configured: set '{name}' to a connection string, or '{name}__accountName' (or '{name}__tableServiceUri'/'{name}__queueServiceUri') for identity-based access.");
        }

        var credential = credentialFactory(Setting(name, "credential", getSetting), Setting(name, "clientId", getSetting));
        return FromIdentity(accountName, credential, tableEndpoint, queueEndpoint);
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
        {
            options.ManagedIdentityClientId = clientId;
        }
        return new DefaultAzureCredential(options);
    }

    private static string? Setting(string name, string key, Func<string, string?> getSetting)
    {
        var value = getSetting(name + ":" + key);
        if (string.IsNullOrWhiteSpace(value))
        {
            value = getSetting(name + "__" + key);
        }
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static StorageAccount DevelopmentStorage(string? proxyUri)
    {
        var scheme = "http";
        var host = "127.0.0.1";
        if (!string.IsNullOrEmpty(proxyUri))
        {
            var proxy = ParseUri(proxyUri, "DevelopmentStorageProxyUri");
            scheme = proxy.Scheme;
            host = proxy.Host;
        }

        var key = new StorageSharedKey(DevelopmentAccountName, Convert.FromBase64String(DevelopmentAccountKey));
        return new StorageAccount(
            DevelopmentAccountName,
            new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://{host}:10002/{DevelopmentAccountName}")),
            new Uri(string.Create(CultureInfo.InvariantCulture, $"{scheme}://{host}:10001/{DevelopmentAccountName}")),
            key,
            null);
    }

    private static Dictionary<string, string> ParseSettings(string connectionString)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var segmentIndex = 0;
        foreach (var rawSegment in connectionString.Split(';'))
        {
            segmentIndex++;
            var segment = rawSegment.Trim();
            if (segment.Length == 0)
            {
                continue;
            }
            // Split at the first '=' only: account keys end in '=' padding.
            var eq = segment.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                // Do not echo the segment: it might be (part of) the key.
                throw new FormatException($"The storage connection string is malformed: segment {segmentIndex} is not of the form 'Name=Value'.");
            }
            var key = segment[..eq].Trim();
            var value = segment[(eq + 1)..].Trim();
            if (!settings.TryAdd(key, value))
            {
                throw new FormatException($"The storage connection string sets '{key}' more than once.");
            }
        }
        if (settings.Count == 0)
        {
            throw new FormatException("The storage connection string has no settings.");
        }
        return settings;
    }

    private static byte[] DecodeKey(string accountKey)
    {
        try
        {
            return Convert.FromBase64String(accountKey);
        }
        catch (FormatException)
        {
            // Deliberately no inner exception or text: nothing about the key may leak into logs.
            throw new FormatException("The AccountKey in the storage connection string is not valid base64.");
        }
    }

    private static Uri? OptionalEndpoint(Dictionary<string, string> settings, string key) =>
        settings.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? ParseUri(value, key) : null;

    private static Uri ParseUri(string value, string settingName)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"'{settingName}' is not an absolute http(s) URI.");
        }
        return Normalize(uri)!;
    }

    // Endpoints are used as "{endpoint}/{resource}", so drop a trailing slash and any query once here.
    private static Uri? Normalize(Uri? uri)
    {
        if (uri is null)
        {
            return null;
        }
        var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return new Uri(text, UriKind.Absolute);
    }

    private static Uri DefaultEndpoint(string protocol, string accountName, string service, string suffix) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{protocol}://{accountName}.{service}.{suffix}"), UriKind.Absolute);

    /// <summary>Path-style (IP/localhost, Azurite) endpoints carry the account as the first path segment; host-style as the first host label.</summary>
    internal static string? AccountNameFromEndpoint(Uri endpoint)
    {
        if (IsPathStyle(endpoint))
        {
            var path = endpoint.AbsolutePath.Trim('/');
            var slash = path.IndexOf('/', StringComparison.Ordinal);
            var first = slash < 0 ? path : path[..slash];
            return first.Length == 0 ? null : Uri.UnescapeDataString(first);
        }
        var dot = endpoint.Host.IndexOf('.', StringComparison.Ordinal);
        return dot <= 0 ? null : endpoint.Host[..dot];
    }

    private static bool IsPathStyle(Uri endpoint) =>
        endpoint.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 ||
        string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        // Azurite behind a docker-compose service name, e.g. http://azurite:10002/devstoreaccount1
        (endpoint.Port is 10000 or 10001 or 10002 && !endpoint.IsDefaultPort);
}
