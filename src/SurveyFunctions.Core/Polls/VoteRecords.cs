using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Data.Tables;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// A poll's voter records in the pollvotes table (<see cref="VoteKeys.VoterRow"/>: one per voter, the durable vote), as the
/// owner reads them: the list a page at a time behind a cursor, the streamed file all of them. Partitions are read in turn,
/// each in row key order (by voter hash).
/// </summary>
internal static class VoteRecords
{
    /// <summary>Rows per storage page of a streamed read: Table Storage's most, so a file needs as few round trips as it can.</summary>
    public const int StreamPage = 1000;

    /// <summary>The poll's voter rows in the <paramref name="offset"/>-th of its partitions; with <paramref name="votedBy"/>, only
    /// votes cast at or before it.</summary>
    public static string Filter(Poll poll, int offset, DateTimeOffset? votedBy = null)
    {
        var partition = VoteKeys.Partition(poll.ShardBase + offset);
        var range = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {VoteKeys.VoterRangeStart(poll.Id)} and RowKey lt {VoteKeys.VoterRangeEnd(poll.Id)}");
        return votedBy is { } at ? range + " and " + TableClient.CreateQueryFilter($"VotedAt le {at}") : range;
    }

    /// <summary>Every vote cast at or before <paramref name="votedBy"/>, a storage page at a time: memory holds one page.</summary>
    public static async IAsyncEnumerable<TableEntity> ReadAllAsync(SurveyStorage storage, Poll poll, DateTimeOffset votedBy,
        [EnumeratorCancellation] CancellationToken ct)
    {
        for (var offset = 0; offset < poll.Shards; offset++)
        {
            string? continuation = null;
            do
            {
                var page = await storage.PollVotes.QueryPageAsync(Filter(poll, offset, votedBy), top: StreamPage, continuation: continuation,
                    ct: ct).ConfigureAwait(false);
                foreach (var row in page.Values)
                    yield return row;
                continuation = page.ContinuationToken;
            }
            while (continuation is not null);
        }
    }

    /// <summary>A stored vote as the owner sees it: the fingerprint only on polls that are not anonymous.</summary>
    public static VoteView View(Poll poll, TableEntity row)
    {
        JsonElement? metadata = null;
        if (row.GetString("ClientMetadata") is { } json)
        {
            using var document = JsonDocument.Parse(json);
            metadata = document.RootElement.Clone();
        }
        return new VoteView(
            poll.Anonymous ? null : row.GetString("Fingerprint"),
            VoterHash(row),
            (row.GetString("Options") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            metadata,
            row.GetDateTimeOffset("VotedAt"));
    }

    /// <summary>The salted hash the row key ends with: stable per poll, useless across polls.</summary>
    public static string VoterHash(TableEntity row) => row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..];
}
