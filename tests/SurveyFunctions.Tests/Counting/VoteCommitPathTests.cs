using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Polls;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Counting;

/// <summary>
/// The vote commit path against Azurite, with the host's storage requests counted: a voter's answer includes their own vote
/// exactly once without re-reading the poll for every overlapping commit, a repeat voter costs no failing transaction, and a
/// process that starts afresh (after a crash, between a commit and its message) still settles retries from storage, with
/// redelivered messages counting every vote once.
/// </summary>
public sealed class VoteCommitPathTests(RequestCountingSurveyHost host) : IClassFixture<RequestCountingSurveyHost>
{
    private const int Partitions = 4; // the test hosts' VoteShards

    [Fact]
    public async Task Each_answer_holds_the_voters_own_vote_once_and_the_poll_is_not_reread_per_commit()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        // Rounds on fresh polls (results shown after the vote, as by default): 24 voters at once, one of them the poll's only
        // opt_2 voter, whose answer must count opt_2 exactly once. Half the rounds run while the aggregator folds batches
        // into the counters, so some batches are aggregated between their commit and the read that answers them.
        for (var round = 0; round < 8; round++)
        {
            var id = await host.Http.CreatePublishedPollAsync(key);
            var token = await host.Http.EmbedTokenAsync(id);
            var queriesBefore = Count(StorageRequestKind.Query);
            var commitsBefore = Count(StorageRequestKind.Batch);
            using var aggregating = new CancellationTokenSource();
            var aggregator = round % 2 == 1 ? AggregateUntilAsync(aggregating.Token) : Task.CompletedTask;
            var replies = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => host.Http.VoteAsync(id, token, $"own-{i}", i == 0 ? "opt_2" : "opt_1")));
            await aggregating.CancelAsync();
            await aggregator;

            Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
            Assert.Equal(1, replies[0].Json["results"]!["results"]![1]!["count"]!.GetValue<long>());
            Assert.InRange(replies[0].Json["results"]!["total_votes"]!.GetValue<long>(), 1, 24);
            foreach (var reply in replies.Skip(1))
            {
                Assert.InRange(reply.Json["results"]!["results"]![0]!["count"]!.GetValue<long>(), 1, 23);
                Assert.InRange(reply.Json["results"]!["results"]![1]!["count"]!.GetValue<long>(), 0, 1);
            }
            // Re-reading the poll for every answer whose commit overlapped the shared read cost a query per partition each
            // time (up to 24 x 4). Now answers share reads: at most one that began after each commit (the first one's
            // included), plus point reads of overlapping batches. One read per round held on a quiet machine, but commits
            // that land while a shared read runs each need the next one, so the bound is per commit.
            if (round % 2 == 0)
            {
                var (queries, commits) = (Count(StorageRequestKind.Query) - queriesBefore, Count(StorageRequestKind.Batch) - commitsBefore);
                Assert.True(queries <= Partitions * (commits + 1) + 2, $"{queries} queries for {commits} commits of 24 votes");
            }
            await DrainAsync();
            Assert.Equal((24L, 0L), ((await host.Http.OwnerResultsAsync(id, key)).Total, (await host.Http.OwnerResultsAsync(id, key)).Pending));
        }
    }

    [Fact]
    public async Task A_repeat_voter_is_settled_by_the_committer_that_stored_the_vote_without_a_transaction()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false });
        var token = await host.Http.EmbedTokenAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, token, "repeater", "opt_2")).Status);

        var batches = Count(StorageRequestKind.Batch);
        var voteReads = host.StorageRequests.Snapshot().GetValueOrDefault((StorageNames.PollVotesTable, StorageRequestKind.PointRead));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, token, "repeater", "opt_2")).Status); // a retry: the same success
        Assert.Equal("already_voted", (await host.Http.VoteAsync(id, token, "repeater", "opt_3")).ErrorCode);
        Assert.Equal(batches, Count(StorageRequestKind.Batch));
        Assert.Equal(voteReads, host.StorageRequests.Snapshot().GetValueOrDefault((StorageNames.PollVotesTable, StorageRequestKind.PointRead)));

        await DrainAsync();
        var (total, counts, pending) = await host.Http.OwnerResultsAsync(id, key);
        Assert.Equal((1L, 1L, 0L), (total, counts["opt_2"], pending));
    }

    [Fact]
    public async Task After_a_crash_between_commit_and_message_retries_settle_from_storage_and_redelivery_counts_once()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false });
        await DrainAsync();
        var storage = host.Get<SurveyStorage>();
        var poll = (await host.Get<PollStore>().GetAsync(id, CancellationToken.None))!;

        // The first process commits 40 voters, some of them twice at once, and dies before any message is delivered.
        var first = NewCommitter();
        var firstTries = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => first.SubmitAsync(Vote(poll, $"crash-{i % 40}", i % 40 % 3))));
        Assert.Equal(40, firstTries.Count(a => a.Kind == AdmissionKind.Accepted));
        Assert.All(firstTries, a => Assert.Contains(a.Kind, new[] { AdmissionKind.Accepted, AdmissionKind.Repeated }));
        await storage.VoteQueue.ClearMessagesAsync();
        Assert.Equal(40, (await host.Http.OwnerResultsAsync(id, key)).Pending);

        // A new process knows nothing of them: every client retries at once, half of them with another choice.
        var second = NewCommitter();
        var retries = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => second.SubmitAsync(Vote(poll, $"crash-{i}", i % 2 == 0 ? i % 3 : (i + 1) % 3))));
        for (var i = 0; i < 40; i++)
            Assert.Equal(i % 2 == 0 ? AdmissionKind.Repeated : AdmissionKind.AlreadyVoted, retries[i].Kind);

        // The repeats announced the stranded batches again (messages visible a second later); every message handled twice
        // (redelivery) counts each vote once.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var messages = (await storage.VoteQueue.PeekMessagesAsync(32)).Value;
        Assert.NotEmpty(messages);
        var aggregator = host.Get<VoteAggregator>();
        foreach (var message in messages.Concat(messages))
            await aggregator.ProcessMessageAsync(message.Body.ToString(), CancellationToken.None);
        await DrainAsync();
        var (total, counts, pending) = await host.Http.OwnerResultsAsync(id, key);
        Assert.Equal((40L, 0L), (total, pending));
        for (var option = 0; option < 3; option++)
            Assert.Equal(Enumerable.Range(0, 40).Count(i => i % 3 == option), counts[$"opt_{option + 1}"]);
    }

    [Fact]
    public async Task Two_processes_taking_the_same_voters_at_once_store_each_voter_once()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var id = await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false });
        var poll = (await host.Get<PollStore>().GetAsync(id, CancellationToken.None))!;
        var (one, two) = (NewCommitter(), NewCommitter());
        // 50 voters, each sent three times to each process at once, the last time with another choice.
        var tries = Enumerable.Range(0, 50).SelectMany(i => new[] { (one, i, 0), (two, i, 0), (one, i, 0), (two, i, 1), (one, i, 1), (two, i, 0) })
            .Select(t => (t.i, Admission: t.Item1.SubmitAsync(Vote(poll, $"twice-{t.i}", t.Item3)))).ToArray();
        await Task.WhenAll(tries.Select(t => t.Admission));

        foreach (var voter in tries.GroupBy(t => t.i))
        {
            var kinds = voter.Select(t => t.Admission.Result.Kind).ToArray();
            Assert.Equal(1, kinds.Count(k => k == AdmissionKind.Accepted));
            Assert.DoesNotContain(AdmissionKind.CapReached, kinds);
        }
        await DrainAsync();
        var (total, _, pending) = await host.Http.OwnerResultsAsync(id, key);
        Assert.Equal((50L, 0L), (total, pending));
    }

    [Fact]
    public async Task A_poll_deleted_with_votes_pending_gets_no_counter_back_and_the_polls_sharing_its_batches_are_counted()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        await DrainAsync();
        var ids = new[] { await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false }),
            await host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false }) };
        var polls = await Task.WhenAll(ids.Select(async id => (await host.Get<PollStore>().GetAsync(id, CancellationToken.None))!));
        // Both polls' votes at once through one committer, so their votes share batches.
        var committer = NewCommitter();
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => committer.SubmitAsync(Vote(polls[i % 2], $"shared-{i}", i % 3))));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.DeleteReplyAsync($"/api/polls/{ids[0]}", key)).Status);

        await DrainAsync();
        var storage = host.Get<SurveyStorage>();
        for (var partition = 0; partition < Partitions; partition++)
            Assert.Null(await storage.PollVotes.GetOrNullAsync(VoteKeys.Partition(partition), VoteKeys.CounterRow(ids[0])));
        var (total, _, pending) = await host.Http.OwnerResultsAsync(ids[1], key);
        Assert.Equal((30L, 0L), (total, pending));
    }

    [Fact]
    public async Task Many_quiet_polls_counters_are_read_in_one_query_per_partition_and_counted_exactly_by_a_fresh_aggregator()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        await DrainAsync();
        var ids = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => host.Http.CreatePublishedPollAsync(key, new { show_results_after_vote = false })));
        var polls = await Task.WhenAll(ids.Select(async id => (await host.Get<PollStore>().GetAsync(id, CancellationToken.None))!));
        var committer = NewCommitter();
        for (var round = 0; round < 2; round++)
        {
            // Four votes per poll per round; each round aggregated by an aggregator that has nothing cached (a new process).
            await Task.WhenAll(polls.SelectMany((poll, p) => Enumerable.Range(0, 4).Select(i =>
                committer.SubmitAsync(Vote(poll, $"quiet-{round}-{p}-{i}", i % 3)))));
            var aggregator = new VoteAggregator(host.Get<SurveyStorage>(), host.Get<CounterTargets>(), NullLogger<VoteAggregator>.Instance);
            var pointReads = host.StorageRequests.Snapshot().GetValueOrDefault((StorageNames.PollVotesTable, StorageRequestKind.PointRead));
            for (var partition = 0; partition < Partitions; partition++)
                await aggregator.AggregatePartitionAsync(partition, CancellationToken.None);
            // 80 polls over 4 partitions (about 55 with a vote in each): no counter read one by one.
            var reads = host.StorageRequests.Snapshot().GetValueOrDefault((StorageNames.PollVotesTable, StorageRequestKind.PointRead)) - pointReads;
            Assert.True(reads < 20, $"{reads} point reads");
        }
        foreach (var id in ids)
        {
            var (total, counts, pending) = await host.Http.OwnerResultsAsync(id, key);
            Assert.Equal((8L, 4L, 2L, 2L, 0L), (total, counts["opt_1"], counts["opt_2"], counts["opt_3"], pending));
        }
    }

    private long Count(StorageRequestKind kind) => host.StorageRequests.Snapshot().Where(c => c.Key.Kind == kind).Sum(c => c.Value);

    /// <summary>A committer as another process (or this one after a restart) has it: nothing remembered.</summary>
    private VoteCommitter NewCommitter() =>
        new(host.Get<SurveyStorage>(), host.Get<CounterTargets>(), host.Get<TimeProvider>(), NullLogger<VoteCommitter>.Instance);

    private static PendingVote Vote(Poll poll, string fingerprint, int option)
    {
        var hash = VoteKeys.VoterHash(poll.Salt, fingerprint);
        var chosen = poll.FindOption($"opt_{option + 1}")!;
        return new PendingVote
        {
            Target = poll.CounterTarget,
            VoterHash = hash,
            PartitionIndex = VoteKeys.PartitionIndex(poll.ShardBase, poll.Shards, hash),
            OptionIds = [chosen.Id],
            Slots = [chosen.Slot],
            VotedAt = DateTimeOffset.UtcNow,
        };
    }

    private async Task AggregateUntilAsync(CancellationToken stop)
    {
        var aggregator = host.Get<VoteAggregator>();
        for (var partition = 0; !stop.IsCancellationRequested; partition = (partition + 1) % Partitions)
            await aggregator.AggregatePartitionAsync(partition, CancellationToken.None);
    }

    private async Task DrainAsync()
    {
        var aggregator = host.Get<VoteAggregator>();
        for (var partition = 0; partition < Partitions; partition++)
            await aggregator.AggregatePartitionAsync(partition, CancellationToken.None);
    }
}
