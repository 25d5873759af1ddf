using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage;

/// <summary>
/// Blob/Queue/File Shared Key (version 2009-09-19 and later): twelve standard headers, the canonicalized x-ms-* headers,
/// then "/" + account + escaped path and every query parameter as "\nname:decoded-value" in name order.
/// Content-Length is empty when zero (versions 2015-02-21 and later).
/// </summary>
internal sealed class QueueSharedKeyPolicy : HttpPipelineSynchronousPolicy
{
    private readonly StorageSharedKey _key;
    private readonly string _authorizationPrefix;

    public QueueSharedKeyPolicy(StorageSharedKey key)
    {
        _key = key;
        _authorizationPrefix = "SharedKey " + key.AccountName + ":";
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var request = message.Request;
        var uri = request.Uri.ToUri();

        string contentLength = string.Empty;
        if (request.Content is { } content && content.TryComputeLength(out var length) && length > 0)
        {
            contentLength = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var sb = new StringBuilder(384);
        sb.Append(request.Method.Method).Append('\n');
        AppendHeader(sb, request, "Content-Encoding");
        AppendHeader(sb, request, "Content-Language");
        sb.Append(contentLength).Append('\n');
        AppendHeader(sb, request, "Content-MD5");
        AppendHeader(sb, request, "Content-Type");
        sb.Append('\n'); // Date: we always send x-ms-date instead, which then must be signed as empty here.
        AppendHeader(sb, request, "If-Modified-Since");
        AppendHeader(sb, request, "If-Match");
        AppendHeader(sb, request, "If-None-Match");
        AppendHeader(sb, request, "If-Unmodified-Since");
        AppendHeader(sb, request, "Range");

        // Canonicalized x-ms-* headers, lower-cased and sorted ordinally.
        var msHeaders = new List<KeyValuePair<string, string>>(8);
        foreach (var header in request.Headers)
        {
            if (header.Name.StartsWith("x-ms-", StringComparison.OrdinalIgnoreCase))
            {
                msHeaders.Add(new(header.Name.ToLowerInvariant(), header.Value.Trim()));
            }
        }
        msHeaders.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        foreach (var h in msHeaders)
        {
            sb.Append(h.Key).Append(':').Append(h.Value).Append('\n');
        }

        sb.Append('/').Append(_key.AccountName).Append(uri.AbsolutePath);
        SharedKeySigning.AppendCanonicalizedQuery(sb, uri.Query);

        request.Headers.SetValue(HttpHeader.Names.Authorization, _authorizationPrefix + SharedKeySigning.Sign(_key.Key, sb.ToString()));
    }

    private static void AppendHeader(StringBuilder sb, Request request, string name)
    {
        if (request.Headers.TryGetValue(name, out var value))
        {
            sb.Append(value);
        }
        sb.Append('\n');
    }
}
