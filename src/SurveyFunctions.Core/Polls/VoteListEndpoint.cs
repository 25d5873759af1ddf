using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Paging;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.SessionExports;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// <c>GET /api/polls/{id}/votes</c> (owner only): individual votes, paged with an opaque cursor that walks the poll's
/// vote partitions in turn (signed and bound to the poll: a forged or another poll's cursor is a 400). Anonymous polls
/// show only the salted voter hash, never a fingerprint. With <c>format=csv|ndjson</c> the same path streams every vote as one
/// file instead (<see cref="VoteStreamEndpoint"/>).
/// </summary>
public sealed class VoteListEndpoint(PollAccess access, SurveyStorage storage, SignedCursor cursors, VoteStreamEndpoint stream)
{
    private const string CursorList = "poll-votes";
    private const int DefaultLimit = 50;
    private const int MaxLimit = 100;

    public async Task<IResult> ListAsync(HttpContext context)
    {
        var owned = await access.GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return owned.Error.ToResult();
        var poll = owned.Value.Poll;
        var format = ExportQuery.Format(context.Request.Query, VoteStreamEndpoint.Formats);
        if (!format.IsSuccess)
            return format.Error.ToResult();
        if (format.Value is { } file)
            return stream.Stream(context, poll, file);
        var limit = Paging.ParsePositive(context, "limit", DefaultLimit, MaxLimit);
        if (!limit.IsSuccess)
            return limit.Error.ToResult();
        var cursor = ParseCursor(cursors.Read(context.Request.Query["cursor"].ToString(), CursorList, poll.Id), poll.Shards);
        if (!cursor.IsSuccess)
            return cursor.Error.ToResult();

        var (offset, continuation) = cursor.Value;
        var votes = new List<VoteView>(limit.Value);
        string? next = null;
        while (offset < poll.Shards)
        {
            var page = await storage.PollVotes.QueryPageAsync(VoteRecords.Filter(poll, offset), top: limit.Value - votes.Count,
                continuation: continuation, ct: context.RequestAborted).ConfigureAwait(false);
            votes.AddRange(page.Values.Select(row => VoteRecords.View(poll, row)));
            (offset, continuation) = page.ContinuationToken is null ? (offset + 1, null) : (offset, page.ContinuationToken);
            if (votes.Count >= limit.Value)
            {
                next = offset < poll.Shards ? cursors.Issue(CursorList, poll.Id,
                    offset.ToString(CultureInfo.InvariantCulture) + ":" + continuation) : null;
                break;
            }
        }
        return Results.Json(new VoteListView(votes, new CursorPagination(limit.Value, next)), ApiJson.Options);
    }

    /// <summary>A verified cursor's position: the partition offset, then the storage continuation within it.</summary>
    private static Outcome<(int Offset, string? Continuation)> ParseCursor(Outcome<string?> verified, int shards)
    {
        if (!verified.IsSuccess)
            return verified.Error;
        if (verified.Value is not { } text)
            return (0, null);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset < shards)
            return (offset, colon + 1 < text.Length ? text[(colon + 1)..] : null);
        return BadCursor();
    }

    private static ApiError BadCursor() => ApiError.BadRequest("'cursor' is not a cursor this endpoint returned.", "cursor");

}

/// <summary>One vote in the owner's list; <c>voter</c> is null on anonymous polls.</summary>
public sealed record VoteView(string? Voter, string VoterHash, IReadOnlyList<string> OptionIds, JsonElement? ClientMetadata, DateTimeOffset? VotedAt);

public sealed record VoteListView(IReadOnlyList<VoteView> Votes, CursorPagination Pagination);

/// <summary><c>next_cursor</c> is null on the last page.</summary>
public sealed record CursorPagination(int Limit, string? NextCursor);
