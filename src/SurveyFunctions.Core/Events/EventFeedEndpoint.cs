using System.Globalization;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Paging;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Events;

/// <summary>
/// <c>GET /api/events?after=&amp;types=&amp;limit=</c>: the catch-up feed, the tenant's events in commit order. Every page
/// ends with a cursor (signed and bound to the tenant) at the last event it returned, also when it is the end for now: a
/// client keeps it and asks again later, and gets exactly the events committed since, none skipped or repeated
/// (<see cref="EventStore"/>'s sequence).
/// </summary>
public sealed class EventFeedEndpoint(EventStore log, SignedCursor cursors)
{
    private const string CursorList = "events";
    private const int DefaultLimit = 50;
    private const int MaxLimit = 100;

    public async Task<IResult> ListAsync(HttpContext context)
    {
        var tenantId = context.Tenant().TenantId;
        var limit = Paging.ParsePositive(context, "limit", DefaultLimit, MaxLimit);
        if (!limit.IsSuccess)
            return limit.Error.ToResult();
        var types = ParseTypes(context.Request.Query["types"]);
        if (!types.IsSuccess)
            return types.Error.ToResult();
        var after = ParsePosition(cursors.Read(context.Request.Query["after"].ToString(), CursorList, tenantId, "after"));
        if (!after.IsSuccess)
            return after.Error.ToResult();

        // One more than asked: whether there is more, without a second round trip.
        var events = await log.ReadAsync(tenantId, after.Value, types.Value, limit.Value + 1, context.RequestAborted).ConfigureAwait(false);
        var page = events.Take(limit.Value).ToArray();
        var last = page.Length > 0 ? page[^1].Sequence : after.Value;
        var reply = new EventFeedView([.. page.Select(e => e.ToView())],
            cursors.Issue(CursorList, tenantId, last.ToString(CultureInfo.InvariantCulture)), events.Count > limit.Value);
        return Results.Json(reply, ApiJson.Options);
    }

    /// <summary><c>types</c>: event names, comma-separated or repeated; absent means every type.</summary>
    private static Outcome<IReadOnlyCollection<string>> ParseTypes(Microsoft.Extensions.Primitives.StringValues raw)
    {
        var types = raw.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries)).ToArray();
        if (raw.Count > 0 && types.Any(t => !EventTypes.All.Contains(t, StringComparer.Ordinal)))
        {
            return ApiError.BadRequest($"'types' must list event types separated by commas, each one of: {string.Join(", ", EventTypes.All)}.",
                "types");
        }
        return types.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static Outcome<long> ParsePosition(Outcome<string?> verified)
    {
        if (!verified.IsSuccess)
            return verified.Error;
        if (verified.Value is null)
            return 0L;
        return long.TryParse(verified.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence : ApiError.BadRequest("'after' is not a cursor this endpoint returned.", "after");
    }
}

/// <summary>A page of the feed: <c>next_cursor</c> is always there (at the end: where to ask again later).</summary>
public sealed record EventFeedView(IReadOnlyList<EventView> Events, string NextCursor, bool HasMore);
