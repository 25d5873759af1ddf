using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Counting;

namespace SurveyFunctions.Tests.Counting;

/// <summary>
/// The shape of one vote partition's commit, without storage: which rows a transaction writes and how (insert, If-Match
/// tally), what its batch row counts, how many votes fit, and which votes the caps and repeat voters leave to others.
/// </summary>
public sealed class VoteTransactionTests
{
    private const string Partition = "v07";
    private const string BatchId = "0638000000000000000abcdefgh";
    private static readonly DateTimeOffset VotedAt = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Dictionary<string, CapTally> NoTallies = [];

    private static PendingVote Vote(CounterTarget target, string voter, long[] slots, long[]? removed = null, long voters = 1) => new()
    {
        Target = target,
        VoterHash = voter,
        PartitionIndex = 7,
        OptionIds = [.. slots.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture))],
        Slots = slots,
        RemovedSlots = removed ?? [],
        Voters = voters,
        VotedAt = VotedAt,
    };

    [Fact]
    public void Uncapped_votes_are_voter_inserts_then_one_pending_row_per_target_then_the_batch_row()
    {
        var poll = new CounterTarget("poll_a");
        var other = new CounterTarget("poll_b");
        var votes = new[] { Vote(poll, "h1", [1]), Vote(other, "h2", [2]), Vote(poll, "h3", [1, 3]) };

        var transaction = VoteTransaction.Build(Partition, BatchId, votes, NoTallies);

        Assert.Equal(BatchId, transaction.BatchId);
        Assert.Empty(transaction.Tallies);
        Assert.All(transaction.Actions, a => Assert.Equal(TableTransactionActionType.Add, a.ActionType));
        Assert.All(transaction.Actions, a => Assert.Equal(Partition, a.Entity.PartitionKey));
        Assert.Equal(
            [
                VoteKeys.VoterRow("poll_a", "h1"), VoteKeys.VoterRow("poll_b", "h2"), VoteKeys.VoterRow("poll_a", "h3"),
                VoteKeys.OutboxRow("poll_a", BatchId), VoteKeys.OutboxRow("poll_b", BatchId), VoteKeys.BatchRow(BatchId),
            ],
            transaction.Actions.Select(a => a.Entity.RowKey));

        var pendingA = (TableEntity)transaction.Actions[3].Entity;
        Assert.Equal(2L, pendingA["N"]);
        Assert.Equal(2L, pendingA[VoteKeys.SlotColumn(1)]);
        Assert.Equal(1L, pendingA[VoteKeys.SlotColumn(3)]);
        var batch = (TableEntity)transaction.Actions[5].Entity;
        Assert.Equal("poll_a:2:1=2,3=1;poll_b:1:2=1", batch["Counts"]);
    }

    [Fact]
    public void A_voter_record_holds_the_options_the_batch_and_only_the_details_it_has()
    {
        var plain = Vote(new CounterTarget("poll_a"), "h1", [2, 5]);
        var detailed = new PendingVote
        {
            Target = new CounterTarget("poll_a"), VoterHash = "h2", PartitionIndex = 7, OptionIds = ["1"], Slots = [1], VotedAt = VotedAt,
            Fingerprint = "fp", ClientMetadataJson = "{\"a\":1}",
        };

        var actions = VoteTransaction.Build(Partition, BatchId, [plain, detailed], NoTallies).Actions;

        var first = (TableEntity)actions[0].Entity;
        Assert.Equal("2,5", first["Options"]);
        Assert.Equal(BatchId, first["Batch"]);
        Assert.Equal(VotedAt, first["VotedAt"]);
        Assert.False(first.ContainsKey("Fingerprint"));
        Assert.False(first.ContainsKey("ClientMetadata"));
        var second = (TableEntity)actions[1].Entity;
        Assert.Equal("fp", second["Fingerprint"]);
        Assert.Equal("{\"a\":1}", second["ClientMetadata"]);
    }

    [Fact]
    public void A_capped_target_writes_its_tally_if_match_on_the_etag_read_or_inserts_the_first_one()
    {
        var read = new CounterTarget("poll_read", Cap: 10);
        var fresh = new CounterTarget("poll_new", Cap: 10);
        var tallies = new Dictionary<string, CapTally> { ["poll_read"] = new(4, "W/\"etag-1\""), ["poll_new"] = new(0, null) };

        var transaction = VoteTransaction.Build(Partition, BatchId, [Vote(read, "h1", [1]), Vote(read, "h2", [1]), Vote(fresh, "h3", [2])], tallies);

        Assert.Equal([new TallyWrite(4, "poll_read", 6), new TallyWrite(6, "poll_new", 1)], transaction.Tallies);
        var update = transaction.Actions[4];
        Assert.Equal(TableTransactionActionType.UpdateMerge, update.ActionType);
        Assert.Equal(new ETag("W/\"etag-1\""), update.ETag);
        Assert.Equal(VoteKeys.TallyRow("poll_read"), update.Entity.RowKey);
        Assert.Equal(6L, ((TableEntity)update.Entity)["Admitted"]);
        var insert = transaction.Actions[6];
        Assert.Equal(TableTransactionActionType.Add, insert.ActionType);
        Assert.Equal(1L, ((TableEntity)insert.Entity)["Admitted"]);
        Assert.Equal(VoteKeys.BatchRow(BatchId), transaction.Actions[^1].Entity.RowKey);
    }

    [Fact]
    public void A_changed_answer_counts_deltas_and_leaves_out_slots_that_net_to_zero()
    {
        var question = new CounterTarget("s.t.u.q7");
        var changed = Vote(question, "42", [4], removed: [3], voters: 0);
        var unchanged = Vote(question, "43", [5], removed: [5], voters: 0);

        var actions = VoteTransaction.Build(Partition, BatchId, [changed, unchanged], NoTallies).Actions;

        var pending = (TableEntity)actions[2].Entity;
        Assert.Equal(0L, pending["N"]);
        Assert.Equal(1L, pending[VoteKeys.SlotColumn(4)]);
        Assert.Equal(-1L, pending[VoteKeys.SlotColumn(3)]);
        Assert.False(pending.ContainsKey(VoteKeys.SlotColumn(5)));
        Assert.Equal("s.t.u.q7:0:4=1,3=-1", ((TableEntity)actions[^1].Entity)["Counts"]);
    }

    [Fact]
    public void As_many_votes_fit_as_leave_room_for_target_rows_tallies_and_the_batch_row()
    {
        var uncapped = Enumerable.Range(0, 150).Select(i => Vote(new CounterTarget("poll_a"), $"h{i}", [1])).ToArray();
        Assert.Equal(98, VoteTransaction.Fitting(uncapped)); // 98 voters + 1 pending row + 1 batch row = 100 actions

        var capped = Enumerable.Range(0, 150).Select(i => Vote(new CounterTarget("poll_c", Cap: 500), $"h{i}", [1])).ToArray();
        Assert.Equal(97, VoteTransaction.Fitting(capped)); // one fewer: the tally row

        var manyTargets = Enumerable.Range(0, 80).Select(i => Vote(new CounterTarget($"poll_{i}"), "h", [1])).ToArray();
        Assert.Equal(49, VoteTransaction.Fitting(manyTargets)); // each new target costs its voter and its pending row
    }

    [Fact]
    public void A_voter_twice_in_one_batch_is_one_leader_and_its_followers()
    {
        var poll = new CounterTarget("poll_a");
        var first = Vote(poll, "h1", [1]);
        var again = Vote(poll, "h1", [2]);
        var other = Vote(poll, "h2", [1]);
        var elsewhere = Vote(new CounterTarget("poll_b"), "h1", [1]);

        var (leaders, followers) = VoteAdmissionRules.SplitRepeatVoters([first, again, other, elsewhere]);

        Assert.Equal([first, other, elsewhere], leaders);
        Assert.Equal([(again, first)], followers);
    }

    [Theory]
    [InlineData(AdmissionKind.Accepted, "1", AdmissionKind.Repeated)]
    [InlineData(AdmissionKind.Accepted, "2", AdmissionKind.AlreadyVoted)]
    [InlineData(AdmissionKind.Repeated, "1", AdmissionKind.Repeated)]
    [InlineData(AdmissionKind.CapReached, "2", AdmissionKind.CapReached)]
    [InlineData(AdmissionKind.AlreadyVoted, "1", null)]
    public void A_follower_settles_by_its_leader(AdmissionKind leaderOutcome, string followerOption, AdmissionKind? expected)
    {
        var poll = new CounterTarget("poll_a");
        var leader = Vote(poll, "h1", [1]);
        var follower = Vote(poll, "h1", [long.Parse(followerOption, System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(expected, VoteAdmissionRules.FollowerOutcome(follower, leader, leaderOutcome));
    }

    [Fact]
    public void Caps_admit_votes_in_order_until_full_and_leave_uncapped_targets_alone()
    {
        var capped = new CounterTarget("poll_c", Cap: 3);
        var open = new CounterTarget("poll_o");
        var votes = new[] { Vote(capped, "a", [1]), Vote(open, "b", [1]), Vote(capped, "c", [1]), Vote(capped, "d", [1]), Vote(open, "e", [1]) };
        var tallies = new Dictionary<string, CapTally> { ["poll_c"] = new(1, "etag") };

        var (admitted, refused) = VoteAdmissionRules.SplitByCaps(votes, tallies);

        Assert.Equal([votes[0], votes[1], votes[2], votes[4]], admitted);
        Assert.Equal([votes[3]], refused);
        Assert.Empty(VoteAdmissionRules.FullTargets(votes, tallies));
        Assert.Equal([capped], VoteAdmissionRules.FullTargets(votes, new Dictionary<string, CapTally> { ["poll_c"] = new(3, "etag") }));
    }
}
