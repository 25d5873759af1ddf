using System.Net;
using System.Text.Json.Nodes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>The catch-up feed (<c>GET /api/events</c>) as a client walks it.</summary>
public static class EventFeedApi
{
    /// <summary>One page after <paramref name="after"/>: its events and the cursor to continue from.</summary>
    public static async Task<(IReadOnlyList<JsonNode> Events, string Cursor, bool HasMore)> EventPageAsync(this HttpClient http, string apiKey,
        string? after = null, int limit = 100, string? types = null)
    {
        var query = $"?limit={limit}" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after))
            + (types is null ? "" : "&types=" + Uri.EscapeDataString(types));
        var reply = await http.GetReplyAsync("/api/events" + query, apiKey);
        Assert.True(reply.Status == HttpStatusCode.OK, $"events: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        return ([.. reply.Json["events"]!.AsArray().Select(e => e!)], reply.Json["next_cursor"]!.GetValue<string>(),
            reply.Json["has_more"]!.GetValue<bool>());
    }

    /// <summary>Every event after <paramref name="after"/>, page by page; and the cursor at the end.</summary>
    public static async Task<(List<JsonNode> Events, string Cursor)> AllEventsAsync(this HttpClient http, string apiKey, string? after = null,
        int limit = 100, string? types = null)
    {
        var events = new List<JsonNode>();
        var cursor = after;
        while (true)
        {
            var (page, next, more) = await http.EventPageAsync(apiKey, cursor, limit, types);
            events.AddRange(page);
            cursor = next;
            if (!more)
                return (events, cursor);
        }
    }

    public static string Type(this JsonNode e) => e["type"]!.GetValue<string>();

    public static string EventId(this JsonNode e) => e["id"]!.GetValue<string>();
}

/// <summary>What a test compares of an event: its id, type, the survey or poll it is about and the session.</summary>
public sealed record EventView(string Id, string Type, string? Resource, long? Session)
{
    public static EventView Of(JsonNode e) => new(e.EventId(), e.Type(),
        (e["resource"]!["survey_uuid"] ?? e["resource"]!["poll_id"])?.GetValue<string>(), e["resource"]!["session_id"]?.GetValue<long>());
}
