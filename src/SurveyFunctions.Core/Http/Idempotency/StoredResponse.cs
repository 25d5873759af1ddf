using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SurveyFunctions.Core.Http.Idempotency;

/// <summary>
/// An answer as bytes: status, the headers the endpoint set (Content-Type, Location, Take's <c>x-survey-token</c>, …) and the
/// body. The first request of a key answers from it as its retries do, so both get the same bytes; a replay adds
/// <c>Idempotent-Replayed: true</c>.
/// </summary>
public sealed record StoredResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, byte[] Body, bool Replayed = false) : IResult
{
    /// <summary>Headers the server or the middleware sets per response: never stored, never replayed.</summary>
    private static readonly HashSet<string> PerResponse = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.ContentLength, HeaderNames.Date, HeaderNames.Server, HeaderNames.TransferEncoding, HeaderNames.Connection,
    };

    /// <summary>
    /// Runs <paramref name="result"/> against the request's own context with the body swapped for a buffer. The headers kept are
    /// those that are new or changed since <paramref name="before"/> (what the response held before the endpoint ran), so CORS
    /// and other middleware headers stay the middleware's.
    /// </summary>
    public static async Task<StoredResponse> CaptureAsync(IResult result, HttpContext context, IReadOnlyDictionary<string, string> before)
    {
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await result.ExecuteAsync(context).ConfigureAwait(false);
        }
        finally
        {
            response.Body = original;
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in response.Headers)
        {
            var text = value.ToString();
            if (!PerResponse.Contains(name) && (!before.TryGetValue(name, out var earlier) || earlier != text))
                headers[name] = text;
        }
        return new StoredResponse(response.StatusCode, headers, buffer.ToArray());
    }

    /// <summary>The response's headers now, to tell later which ones the endpoint set.</summary>
    public static IReadOnlyDictionary<string, string> HeadersOf(HttpResponse response) =>
        response.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers)
            response.Headers[name] = value;
        if (Replayed)
        {
            response.Headers[IdempotencyKeys.ReplayedHeader] = "true";
            // Browsers on other origins (the embed script) may read it too.
            var exposed = response.Headers.AccessControlExposeHeaders.ToString();
            response.Headers.AccessControlExposeHeaders = exposed.Length == 0
                ? IdempotencyKeys.ReplayedHeader : exposed + ", " + IdempotencyKeys.ReplayedHeader;
        }
        response.ContentLength = Body.Length;
        if (Body.Length > 0 && !HttpMethods.IsHead(httpContext.Request.Method))
            await response.Body.WriteAsync(Body, httpContext.RequestAborted).ConfigureAwait(false);
    }
}
