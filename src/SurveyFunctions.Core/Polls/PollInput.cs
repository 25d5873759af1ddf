using System.Text.Json;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// Validates create and update bodies into a <see cref="Poll"/>. Every rejection names its field, an unknown field included:
/// the Polls API documents no field that is accepted and ignored.
/// </summary>
public static class PollInput
{
    public const int MaxTitle = 300;
    public const int MaxDescription = 2000;
    public const int MaxCloseMessage = 1000;
    public const long MaxResponsesLimit = 100_000_000;

    /// <summary>What a create body may carry: the Polls API's create body and poll settings, plus <c>mode</c> (its list shows it).</summary>
    internal static readonly string[] CreateFields =
    [
        "title", "description", "mode", "options", "allow_multiple", "show_results_before_vote", "show_results_after_vote",
        "anonymous", "starts_at", "ends_at", "max_responses", "close_message",
    ];

    /// <summary>What a PATCH may carry: every setting, plus <c>published</c> and <c>closed</c> (manual close and reopen).</summary>
    internal static readonly string[] PatchFields =
    [
        "title", "description", "options", "allow_multiple", "show_results_before_vote", "show_results_after_vote", "anonymous",
        "published", "closed", "starts_at", "ends_at", "max_responses", "close_message",
    ];

    /// <summary>Fields a poll response has that no body can set, so a client sending a poll back learns why they are refused.</summary>
    private static readonly Dictionary<string, string> ServerSetFields = new[] { "id", "created_at", "updated_at", "closed_at", "close_reason" }
        .ToDictionary(name => name, name => $"'{name}' is set by the server and cannot be sent; leave it out.", StringComparer.Ordinal);

    private static readonly Dictionary<string, string> NotOnCreate = new(ServerSetFields, StringComparer.Ordinal)
    {
        ["published"] = "'published' cannot be set on create: a poll starts unpublished; publish it with PATCH {\"published\": true}.",
        ["closed"] = "'closed' cannot be set on create; close a poll with PATCH {\"closed\": true}.",
    };

    private static readonly Dictionary<string, string> NotOnPatch = new(ServerSetFields, StringComparer.Ordinal)
    {
        ["mode"] = "'mode' is fixed when the poll is created and cannot be changed.",
    };

    public static Outcome<Poll> ParseCreate(JsonElement body, string pollId, string tenantId, string salt, int shards, DateTimeOffset now)
    {
        var f = new JsonFields(body);
        f.RejectUnknown(CreateFields, NotOnCreate);
        var title = f.Text("title", required: true, maxLength: MaxTitle);
        var description = f.Text("description", maxLength: MaxDescription);
        var mode = f.Text("mode", maxLength: 20) ?? "poll";
        var optionsJson = f.List("options", required: true);
        var allowMultiple = f.Flag("allow_multiple") ?? false;
        var showBefore = f.Flag("show_results_before_vote") ?? false;
        var showAfter = f.Flag("show_results_after_vote") ?? true;
        var anonymous = f.Flag("anonymous") ?? false;
        var startsAt = f.Date("starts_at");
        var endsAt = f.Date("ends_at");
        var maxResponses = f.Number("max_responses", 1, MaxResponsesLimit);
        var closeMessage = f.Text("close_message", maxLength: MaxCloseMessage);
        if (f.Error is null && mode != "poll")
            f.Reject("mode", "'mode' must be \"poll\".");
        CheckWindow(f, startsAt, endsAt);
        if (f.Error is not null)
            return f.Error;

        var options = PollOptionsInput.Parse(optionsJson!.Value, [], 0, out var nextSlot);
        if (!options.IsSuccess)
            return options.Error;

        return new Poll
        {
            Id = pollId,
            TenantId = tenantId,
            Title = title!,
            Description = description,
            Mode = mode,
            Options = options.Value,
            AllowMultiple = allowMultiple,
            ShowResultsBeforeVote = showBefore,
            ShowResultsAfterVote = showAfter,
            Anonymous = anonymous,
            StartsAt = startsAt,
            EndsAt = endsAt,
            MaxResponses = maxResponses,
            CloseMessage = closeMessage,
            Published = false,
            CreatedAt = now,
            UpdatedAt = now,
            // A capped poll keeps one partition so admission can be counted exactly under any concurrency.
            Shards = maxResponses is null ? shards : 1,
            ShardBase = maxResponses is null ? 0 : Counting.VoteKeys.PinnedIndex(pollId, shards),
            Salt = salt,
            NextSlot = nextSlot,
        };
    }

    /// <summary>
    /// Applies a PATCH: absent fields stay, <c>null</c> clears a nullable one, and any other field is a validation error
    /// (a typo must not "succeed" changing nothing but <c>updated_at</c>). <paramref name="counts"/> are the poll's
    /// current totals, needed because options with votes cannot be removed and a cap cannot go below what was accepted.
    /// </summary>
    public static Outcome<Poll> ApplyPatch(Poll poll, JsonElement body, TargetCounts counts, DateTimeOffset now)
    {
        var f = new JsonFields(body);
        f.RejectUnknown(PatchFields, NotOnPatch);
        var title = f.Text("title", maxLength: MaxTitle);
        if (f.Has("title") && title is null && f.Error is null)
            f.Reject("title", "'title' cannot be null.");
        var description = f.Text("description", maxLength: MaxDescription);
        var optionsJson = f.List("options");
        var allowMultiple = f.Flag("allow_multiple");
        var showBefore = f.Flag("show_results_before_vote");
        var showAfter = f.Flag("show_results_after_vote");
        var anonymous = f.Flag("anonymous");
        var published = f.Flag("published");
        var closed = f.Flag("closed");
        var startsAt = f.HasValue("starts_at") ? f.Date("starts_at") : null;
        var endsAt = f.HasValue("ends_at") ? f.Date("ends_at") : null;
        var maxResponses = f.Number("max_responses", 1, MaxResponsesLimit);
        var closeMessage = f.Text("close_message", maxLength: MaxCloseMessage);
        if (f.Error is not null)
            return f.Error;

        var newStarts = f.Has("starts_at") ? startsAt : poll.StartsAt;
        var newEnds = f.Has("ends_at") ? endsAt : poll.EndsAt;
        CheckWindow(f, newStarts, newEnds);
        if (anonymous is { } anon && anon != poll.Anonymous && counts.Total > 0)
            f.Reject("anonymous", "'anonymous' cannot change after votes were cast: existing voter records were stored under the old setting.");

        var newMax = f.Has("max_responses") ? maxResponses : poll.MaxResponses;
        var (shards, shardBase) = (poll.Shards, poll.ShardBase);
        if (newMax is not null && poll.Shards > 1)
        {
            if (counts.Total > 0)
                f.Reject("max_responses", "'max_responses' can only be added to a poll before its first vote.");
            (shards, shardBase) = (1, Counting.VoteKeys.PinnedIndex(poll.Id, poll.Shards));
        }
        if (newMax is { } limit && limit < counts.Total)
            f.Reject("max_responses", $"'max_responses' cannot be below the {counts.Total} votes already accepted.");
        if (f.Error is not null)
            return f.Error;

        var options = poll.Options;
        var nextSlot = poll.NextSlot;
        if (optionsJson is { } json)
        {
            var parsed = PollOptionsInput.Parse(json, poll.Options, poll.NextSlot, out nextSlot);
            if (!parsed.IsSuccess)
                return parsed.Error;
            foreach (var old in poll.Options)
            {
                if (parsed.Value.All(o => o.Id != old.Id) && counts.CountFor(old.Slot) > 0)
                    return ApiError.BadRequest($"Option '{old.Id}' has votes and cannot be removed.", "options");
            }
            options = parsed.Value;
        }

        var updated = poll with
        {
            Title = title ?? poll.Title,
            Description = f.Has("description") ? description : poll.Description,
            Options = options,
            NextSlot = nextSlot,
            AllowMultiple = allowMultiple ?? poll.AllowMultiple,
            ShowResultsBeforeVote = showBefore ?? poll.ShowResultsBeforeVote,
            ShowResultsAfterVote = showAfter ?? poll.ShowResultsAfterVote,
            Anonymous = anonymous ?? poll.Anonymous,
            Published = published ?? poll.Published,
            StartsAt = newStarts,
            EndsAt = newEnds,
            MaxResponses = newMax,
            Shards = shards,
            ShardBase = shardBase,
            CloseMessage = f.Has("close_message") ? closeMessage : poll.CloseMessage,
            UpdatedAt = now,
        };
        return ApplyClosing(updated, closed, counts, now);
    }

    /// <summary>Manual close/reopen, and reopening when the reason a poll closed no longer holds (a later end, a higher cap).</summary>
    private static Poll ApplyClosing(Poll poll, bool? closed, TargetCounts counts, DateTimeOffset now)
    {
        if (closed == true && poll.ClosedAt is null)
            return poll with { ClosedAt = now, CloseReason = CloseReasons.Manual };
        if (poll.ClosedAt is null)
            return poll;
        var stillClosed = poll.CloseReason switch
        {
            CloseReasons.EndsAt => poll.EndsAt is { } ends && ends <= now,
            CloseReasons.MaxResponses => poll.MaxResponses is { } cap && counts.Total >= cap,
            _ => closed != false,
        };
        return stillClosed && closed != false ? poll : poll with { ClosedAt = null, CloseReason = null };
    }

    private static void CheckWindow(JsonFields f, DateTimeOffset? startsAt, DateTimeOffset? endsAt)
    {
        if (f.Error is null && startsAt is { } s && endsAt is { } e && e <= s)
            f.Reject("ends_at", "'ends_at' must be after 'starts_at'.");
    }
}
