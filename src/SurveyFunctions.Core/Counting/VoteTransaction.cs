using Azure;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Counting;

/// <summary>A capped target's admission tally as last read or written: the admitted count, and the ETag to write it If-Match (null: no row
/// yet).</summary>
internal readonly record struct CapTally(long Admitted, string? ETag);

/// <summary>A tally row written by a transaction: at which action, for which target, and the admitted count it stores.</summary>
internal readonly record struct TallyWrite(int ActionIndex, string TargetKey, long AdmittedAfter);

/// <summary>
/// The table transaction that commits admitted votes of one vote partition, built without I/O so its shape can be checked
/// on its own. It holds: an insert per voter record (which fails on a repeat voter, making deduplication exact), a
/// pending-batch row per counter target (so results can count votes the aggregator has not reached), for capped polls the
/// admission tally with If-Match (so the cap holds under any concurrency, across instances), and one batch row last (so the
/// aggregator can find the work). A voter record's action index is its vote's index in the admitted list.
/// </summary>
internal sealed record VoteTransaction(string BatchId, IReadOnlyList<TableTransactionAction> Actions, IReadOnlyList<TallyWrite> Tallies)
{
    /// <summary>Table Storage's limit on the actions of one transaction.</summary>
    public const int MaxActions = 100;

    /// <summary>How many waiting votes fit one transaction: voters + one row per target (+ tally if capped) + the batch row.</summary>
    public static int Fitting(IReadOnlyList<PendingVote> waiting)
    {
        var targetsSeen = new HashSet<string>(StringComparer.Ordinal);
        var actions = 1;
        var taken = 0;
        foreach (var vote in waiting)
        {
            var cost = 1 + (targetsSeen.Contains(vote.Target.Key) ? 0 : vote.Target.Cap is null ? 1 : 2);
            if (actions + cost > MaxActions)
                break;
            actions += cost;
            targetsSeen.Add(vote.Target.Key);
            taken++;
        }
        return taken;
    }

    /// <summary>
    /// The transaction for <paramref name="admitted"/> votes in <paramref name="partition"/> as batch <paramref name="batchId"/>.
    /// <paramref name="tallies"/> must hold every capped target's tally as read.
    /// </summary>
    public static VoteTransaction Build(string partition, string batchId, IReadOnlyList<PendingVote> admitted,
        IReadOnlyDictionary<string, CapTally> tallies)
    {
        var actions = new List<TableTransactionAction>(admitted.Count + 8);
        foreach (var vote in admitted)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, VoterRecord(partition, vote, batchId)));

        var tallyWrites = new List<TallyWrite>();
        var counts = new List<(string, long, IReadOnlyDictionary<long, long>)>();
        foreach (var group in admitted.GroupBy(v => v.Target.Key, StringComparer.Ordinal))
        {
            var slots = SlotDeltas(group);
            var voters = group.Sum(v => v.Voters);
            counts.Add((group.Key, voters, slots));

            var pending = new TableEntity(partition, VoteKeys.OutboxRow(group.Key, batchId)) { ["N"] = voters };
            foreach (var (slot, n) in slots)
                pending[VoteKeys.SlotColumn(slot)] = n;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, pending));

            if (group.First().Target.Cap is not null)
            {
                // A cap counts admitted votes (only polls have caps, and their votes are all +1).
                var (count, etag) = tallies[group.Key];
                var admittedAfter = count + group.Count();
                var tally = new TableEntity(partition, VoteKeys.TallyRow(group.Key)) { ["Admitted"] = admittedAfter };
                tallyWrites.Add(new TallyWrite(actions.Count, group.Key, admittedAfter));
                actions.Add(etag is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, tally)
                    : new TableTransactionAction(TableTransactionActionType.UpdateMerge, tally, new ETag(etag)));
            }
        }
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add,
            new TableEntity(partition, VoteKeys.BatchRow(batchId)) { ["Counts"] = BatchCounts.Encode(counts) }));
        return new VoteTransaction(batchId, actions, tallyWrites);
    }

    /// <summary>
    /// Deltas, not just additions: a survey answer's change takes its old slots back (see <see cref="PendingVote.RemovedSlots"/>);
    /// a slot that nets to zero is left out.
    /// </summary>
    private static Dictionary<long, long> SlotDeltas(IEnumerable<PendingVote> votes)
    {
        var slots = new Dictionary<long, long>();
        foreach (var slot in votes.SelectMany(v => v.Slots))
            slots[slot] = slots.GetValueOrDefault(slot) + 1;
        foreach (var slot in votes.SelectMany(v => v.RemovedSlots))
            slots[slot] = slots.GetValueOrDefault(slot) - 1;
        foreach (var unchanged in slots.Where(s => s.Value == 0).Select(s => s.Key).ToArray())
            slots.Remove(unchanged);
        return slots;
    }

    private static TableEntity VoterRecord(string partition, PendingVote vote, string batchId)
    {
        var row = new TableEntity(partition, VoteKeys.VoterRow(vote.Target.Key, vote.VoterHash))
        {
            ["Options"] = vote.OptionsText,
            ["VotedAt"] = vote.VotedAt,
            ["Batch"] = batchId,
        };
        if (vote.Fingerprint is not null) row["Fingerprint"] = vote.Fingerprint;
        if (vote.ClientMetadataJson is not null) row["ClientMetadata"] = vote.ClientMetadataJson;
        return row;
    }
}
