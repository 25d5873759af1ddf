using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace SurveyFunctions.Storage;

/// <summary>
/// Stamps x-ms-date on every attempt. It runs per retry because a signature over a stale date is rejected
/// (the service allows 15 minutes of skew) and because each retry must be signed anew anyway.
/// </summary>
internal sealed class StorageDatePolicy : HttpPipelineSynchronousPolicy
{
    public const string HeaderName = "x-ms-date";

    // Formatting an RFC 1123 date is cheap but not free; at thousands of requests per second most share the same second.
    // A reference (not a tuple struct) so readers on other threads never see a torn second/text pair.
    private static volatile CachedDate s_cache = new(-1, string.Empty);

    public override void OnSendingRequest(HttpMessage message)
    {
        message.Request.Headers.SetValue(HeaderName, Now());
    }

    internal static string Now()
    {
        var now = DateTimeOffset.UtcNow;
        var second = now.ToUnixTimeSeconds();
        var cached = s_cache;
        if (cached.Second == second)
        {
            return cached.Text;
        }
        var text = now.ToString("R", CultureInfo.InvariantCulture);
        s_cache = new CachedDate(second, text);
        return text;
    }

    private sealed record CachedDate(long Second, string Text);
}
