using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Platform;
using SurveyFunctions.Core.Polls.Voting;
using SurveyFunctions.Storage;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// <c>GET /api/polls/{id}/votes</c> (owner only): individual votes, paged with an opaque cursor that walks the poll's
/// vote partitions in turn. Anonymous polls show only the salted voter hash, never a fingerprint.
/// </summary>
public sealed class VoteListEndpoint(PollAccess access, SurveyStorage storage)
{
    private const int DefaultLimit = 50;
    private const int MaxLimit = 100;

    public async Task<IResult> ListAsync(HttpContext context)
    {
        var owned = await access.GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return Fail(owned.Error, context);
        var poll = owned.Value.Poll;
        var limit = Paging.ParsePositive(context, "limit", DefaultLimit, MaxLimit);
        if (!limit.IsSuccess)
            return Fail(limit.Error, context);
        var cursor = ParseCursor(context.Request.Query["cursor"].ToString(), poll.Shards);
        if (!cursor.IsSuccess)
            return Fail(cursor.Error, context);

        var (offset, continuation) = cursor.Value;
        var votes = new List<object>(limit.Value);
        string? next = null;
        while (offset < poll.Shards)
        {
            var partition = VoteKeys.Partition(poll.ShardBase + offset);
            var filter = TableFilter.Of($"PartitionKey eq {partition} and RowKey ge {VoteKeys.VoterRangeStart(poll.Id)} and RowKey lt {VoteKeys.VoterRangeEnd(poll.Id)}");
            TablePage page;
            try
            {
                page = await storage.PollVotes.QueryPageAsync(filter, top: limit.Value - votes.Count, continuationToken: continuation, ct: context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                return Fail(BadCursor(), context);
            }
            votes.AddRange(page.Items.Select(row => ToView(poll, row)));
            (offset, continuation) = page.ContinuationToken is null ? (offset + 1, null) : (offset, page.ContinuationToken);
            if (votes.Count >= limit.Value)
            {
                next = offset < poll.Shards ? EncodeCursor(offset, continuation) : null;
                break;
            }
        }
        return Results.Json(new { votes, pagination = new { limit = limit.Value, next_cursor = next } }, ApiJson.Options);
    }

    private static object ToView(Poll poll, TableEntity row)
    {
        JsonElement? metadata = null;
        if (row.GetString("ClientMetadata") is { } json)
        {
            using var document = JsonDocument.Parse(json);
            metadata = document.RootElement.Clone();
        }
        var voterHash = row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..];
        return new
        {
            voter = poll.Anonymous ? null : row.GetString("Fingerprint"),
            voter_hash = voterHash,
            option_ids = (row.GetString("Options") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            client_metadata = metadata,
            voted_at = row.GetDateTimeOffset("VotedAt"),
        };
    }

    private static string EncodeCursor(int offset, string? continuation) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(offset.ToString(CultureInfo.InvariantCulture) + ":" + continuation));

    private static Outcome<(int Offset, string? Continuation)> ParseCursor(string raw, int shards)
    {
        if (string.IsNullOrEmpty(raw))
            return (0, null);
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(raw));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) && offset < shards)
                return (offset, colon + 1 < text.Length ? text[(colon + 1)..] : null);
        }
        catch (FormatException)
        {
        }
        return BadCursor();
    }

    private static ApiError BadCursor() => ApiError.BadRequest("'cursor' is not a cursor this endpoint returned.", "cursor");

    private static IResult Fail(ApiError error, HttpContext context) => ApiFamily.Polls.Render(error, context);
}
