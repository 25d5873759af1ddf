using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SurveyFunctions.Core.Polls.Voting;

/// <summary>
/// Key layout of the pollvotes table. Votes of all polls share a fixed set of partitions <c>v00…vNN</c>, so one
/// entity group transaction can carry many votes (of one hot poll, or of many quiet polls). Inside a partition:
/// <list type="bullet">
/// <item><c>v|{poll}|{voter}</c>: a voter record (dedup by insert-conflict, and the durable vote).</item>
/// <item><c>p|{poll}|c</c>: the poll's counter in this partition (what the aggregator maintains).</item>
/// <item><c>p|{poll}|o|{batch}</c>: a batch's votes for the poll not yet in the counter (so results can add them).</item>
/// <item><c>p|{poll}|t</c>: admitted-vote tally of a capped poll (capped polls use one partition).</item>
/// <item><c>q|{batch}</c>: a committed batch awaiting aggregation, listing its polls (how the aggregator finds work).</item>
/// </list>
/// </summary>
public static class VoteKeys
{
    /// <summary>VoteShards' upper bound: every partition index a poll can ever have used is below this.</summary>
    public const int MaxPartitions = 64;

    public static string Partition(int index) => "v" + index.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The partition index holding a voter: a capped poll pins all its voters to one partition.</summary>
    public static int PartitionIndex(Poll poll, string voterHash) =>
        poll.Shards <= 1 ? poll.ShardBase : poll.ShardBase + (int)(BinaryPrimitives.ReadUInt32BigEndian(Convert.FromHexString(voterHash.AsSpan(0, 8))) % (uint)poll.Shards);

    /// <summary>Every partition a poll's votes can be in.</summary>
    public static IEnumerable<int> PartitionIndexes(Poll poll) => Enumerable.Range(poll.ShardBase, Math.Max(1, poll.Shards));

    /// <summary>The pinned partition for a capped poll, spread by poll id so capped polls do not share one.</summary>
    public static int PinnedIndex(string pollId, int partitions) =>
        (int)(BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(pollId))) % (uint)partitions);

    /// <summary>32 hex chars of HMAC(poll salt, fingerprint): stable per poll, useless for correlating across polls.</summary>
    public static string VoterHash(Poll poll, string fingerprint) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(poll.Salt), Encoding.UTF8.GetBytes(fingerprint)).AsSpan(0, 16));

    public static string VoterRow(string pollId, string voterHash) => $"v|{pollId}|{voterHash}";
    public static string VoterRangeStart(string pollId) => $"v|{pollId}|";
    public static string VoterRangeEnd(string pollId) => $"v|{pollId}}}";

    public static string CounterRow(string pollId) => $"p|{pollId}|c";
    public static string TallyRow(string pollId) => $"p|{pollId}|t";
    public static string PollOutboxRow(string pollId, string batchId) => $"p|{pollId}|o|{batchId}";
    public static string PollRangeStart(string pollId) => $"p|{pollId}|";
    public static string PollRangeEnd(string pollId) => $"p|{pollId}}}";

    public const string BatchPrefix = "q|";
    public const string BatchRangeEnd = "q}";
    public static string BatchRow(string batchId) => BatchPrefix + batchId;

    /// <summary>Time-ordered, unique batch id, so the aggregator applies older batches first.</summary>
    public static string NewBatchId(DateTimeOffset now) => BatchIdPrefix(now) + Security.RandomIds.Alphanumeric(8);

    /// <summary>The time part of a batch id: ids of batches committed before <paramref name="at"/> sort before it.</summary>
    public static string BatchIdPrefix(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static string SlotColumn(int slot) => "s" + slot.ToString(CultureInfo.InvariantCulture);
}
