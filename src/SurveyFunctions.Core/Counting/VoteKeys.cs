using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SurveyFunctions.Core.Counting;

/// <summary>
/// Key layout of the pollvotes table. Votes of all counter targets (<see cref="CounterTarget"/>: polls, and the questions
/// and completed sessions of surveys) share a fixed set of partitions <c>v00…vNN</c>, so one entity group transaction can
/// carry many votes (of one hot poll, or of many quiet targets). Inside a partition, <c>{target}</c> is a target's key:
/// <list type="bullet">
/// <item><c>v|{target}|{voter}</c>: a voter record (dedup by insert-conflict, and the durable vote).</item>
/// <item><c>p|{target}|c</c>: the target's counter in this partition (what the aggregator maintains).</item>
/// <item><c>p|{target}|o|{batch}</c>: a batch's votes for the target not yet in the counter (so results can add them).</item>
/// <item><c>p|{target}|t</c>: admitted-vote tally of a capped poll (capped polls use one partition).</item>
/// <item><c>q|{batch}</c>: a committed batch awaiting aggregation, listing its targets (how the aggregator finds work).</item>
/// <item><c>u|…</c>: completed survey sessions whose answers are being counted (the survey results' counter keys).</item>
/// </list>
/// </summary>
public static class VoteKeys
{
    /// <summary>VoteShards' upper bound: every partition index a poll can ever have used is below this.</summary>
    public const int MaxPartitions = 64;

    public static string Partition(int index) => "v" + index.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>The partition index holding a voter: a capped poll pins all its voters to one partition.</summary>
    public static int PartitionIndex(int shardBase, int shards, string voterHash) =>
        shards <= 1 ? shardBase : shardBase + (int)(BinaryPrimitives.ReadUInt32BigEndian(Convert.FromHexString(voterHash.AsSpan(0,
            8))) % (uint)shards);

    /// <summary>Every partition a target's votes can be in (a poll's: its shards from its base).</summary>
    public static IEnumerable<int> PartitionIndexes(int shardBase, int shards) => Enumerable.Range(shardBase, Math.Max(1, shards));

    /// <summary>The pinned partition for a capped poll, spread by poll id so capped polls do not share one.</summary>
    public static int PinnedIndex(string pollId, int partitions) =>
        (int)(BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(pollId))) % (uint)partitions);

    /// <summary>32 hex chars of HMAC(target salt, fingerprint): stable per poll, useless for correlating across polls.</summary>
    public static string VoterHash(string salt, string fingerprint) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(salt), Encoding.UTF8.GetBytes(fingerprint)).AsSpan(0, 16));

    public static string VoterRow(string targetKey, string voterHash) => $"v|{targetKey}|{voterHash}";
    public static string VoterRangeStart(string targetKey) => $"v|{targetKey}|";
    public static string VoterRangeEnd(string targetKey) => $"v|{targetKey}}}";

    public const string TargetPrefix = "p|";

    /// <summary>The end (exclusive) of every target's rows in a partition: counters, pending rows and tallies.</summary>
    public const string TargetRangeAll = "p}";
    public static string CounterRow(string targetKey) => $"p|{targetKey}|c";
    public static string TallyRow(string targetKey) => $"p|{targetKey}|t";
    public static string OutboxRow(string targetKey, string batchId) => $"p|{targetKey}|o|{batchId}";
    public static string TargetRangeStart(string targetKey) => $"p|{targetKey}|";
    public static string TargetRangeEnd(string targetKey) => $"p|{targetKey}}}";

    /// <summary>The target a <c>p|{target}|…</c> row belongs to, and the kind letter after it (<c>c</c>, <c>o</c>, <c>t</c>).</summary>
    public static (string TargetKey, char Kind) ParseTargetRow(string rowKey)
    {
        var end = rowKey.IndexOf('|', TargetPrefix.Length);
        return end < 0 || end + 1 >= rowKey.Length ? ("", '\0') : (rowKey[TargetPrefix.Length..end], rowKey[end + 1]);
    }

    public const string BatchPrefix = "q|";
    public const string BatchRangeEnd = "q}";
    public static string BatchRow(string batchId) => BatchPrefix + batchId;

    /// <summary>Time-ordered, unique batch id, so the aggregator applies older batches first.</summary>
    public static string NewBatchId(DateTimeOffset now) => BatchIdPrefix(now) + Security.RandomIds.Alphanumeric(8);

    /// <summary>The time part of a batch id: ids of batches committed before <paramref name="at"/> sort before it.</summary>
    public static string BatchIdPrefix(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static string SlotColumn(long slot) => "s" + slot.ToString(CultureInfo.InvariantCulture);
}
