using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Json;

/// <summary>Reads a bounded JSON object body. Every family's write endpoint goes through here.</summary>
public static class JsonBody
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 32, AllowTrailingCommas = false };

    /// <summary>The parsed body of this request, kept so a second reader (the rate limiter, then the handler) gets the same outcome.</summary>
    private static readonly object ParsedBodyKey = new();

    /// <summary>
    /// The body as a JSON object, or the documented error for it. Read once per request: the stream is consumed by the first
    /// call and every later call returns that call's outcome.
    /// </summary>
    public static async Task<Outcome<JsonElement>> ReadObjectAsync(HttpRequest request, CancellationToken ct)
    {
        var items = request.HttpContext.Items;
        if (items.TryGetValue(ParsedBodyKey, out var parsed) && parsed is Outcome<JsonElement> earlier)
            return earlier;
        var outcome = await ParseAsync(request, ct).ConfigureAwait(false);
        items[ParsedBodyKey] = outcome;
        return outcome;
    }

    /// <summary>
    /// The rest of <paramref name="body"/>, or null once it passes <see cref="RequestLimits.MaxBodyBytes"/> (a chunked body has no
    /// Content-Length to check first): what every reader of a request body reads through.
    /// </summary>
    internal static async Task<MemoryStream?> ReadBoundedAsync(Stream body, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > RequestLimits.MaxBodyBytes)
            {
                await buffer.DisposeAsync().ConfigureAwait(false);
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer;
    }

    private static async Task<Outcome<JsonElement>> ParseAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is > RequestLimits.MaxBodyBytes)
            return ApiError.PayloadTooLarge(RequestLimits.MaxBodyBytes);
        if (!IsJson(request.ContentType))
            return ApiError.UnsupportedMediaType();

        if (await ReadBoundedAsync(request.Body, ct).ConfigureAwait(false) is not { } buffer)
            return ApiError.PayloadTooLarge(RequestLimits.MaxBodyBytes);

        if (buffer.Length == 0)
            return ApiError.MalformedJson("the body is empty.");
        try
        {
            using var document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DocumentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return ApiError.BadRequest("The request body must be a JSON object.");
            if (!IsValidText(document.RootElement))
                return ApiError.MalformedJson("it contains text that is not valid Unicode (invalid UTF-8 or an unpaired surrogate such as \\ud800).");
            return document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            return ApiError.MalformedJson(ex.Message.Split(" Path:", 2)[0]);
        }
    }

    /// <summary>
    /// The parser checks structure, not text: invalid UTF-8 and unpaired surrogate escapes (<c>"\ud800"</c>) only fail when a
    /// string or property name is read, as an InvalidOperationException deep in a handler (a 500, or a field silently
    /// skipped). Reading every string once here turns them into malformed_json before any handler sees the body.
    /// </summary>
    private static bool IsValidText(JsonElement root)
    {
        try
        {
            Visit(root);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static void Visit(JsonElement element)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                _ = element.GetString();
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in element.EnumerateArray())
                    Visit(item);
            }
            else if (element.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Visit(property.Value);
                }
            }
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null &&
        (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ||
         contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));
}
