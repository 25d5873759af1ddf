namespace SurveyFunctions.Core.Counting;

/// <summary>How the group committer settled one vote.</summary>
public enum AdmissionKind
{
    /// <summary>Recorded now, durable and scheduled for counting.</summary>
    Accepted,

    /// <summary>This voter already cast exactly this vote (a retry): the same success, counted once.</summary>
    Repeated,

    /// <summary>This voter already cast a different vote.</summary>
    AlreadyVoted,

    /// <summary>The target's cap (a poll's <c>max_responses</c>) was reached before this vote.</summary>
    CapReached,
}

/// <summary>The outcome, with monotonic timestamps bracketing the durable write and, for an accepted vote, the batch that
/// holds it (used to decide whether a results snapshot includes the vote).</summary>
public sealed record VoteAdmission(AdmissionKind Kind, long SubmittedAt, long CommittedAt, string? BatchId = null);

/// <summary>A validated vote for one <see cref="CounterTarget"/>, waiting for the group committer of its partition.</summary>
public sealed class PendingVote
{
    public required CounterTarget Target { get; init; }

    /// <summary>Who votes, unique per target: a poll's hashed fingerprint, a survey session's number.</summary>
    public required string VoterHash { get; init; }
    public required int PartitionIndex { get; init; }

    /// <summary>Chosen option ids (or the answer, for survey targets), sorted, so the same choice always compares equal.</summary>
    public required IReadOnlyList<string> OptionIds { get; init; }

    /// <summary>The counter slots this vote adds one to (none for a target that counts only voters).</summary>
    public required IReadOnlyList<long> Slots { get; init; }

    /// <summary>
    /// The counter slots this vote takes one from: a survey answer's change takes back the answer it replaces
    /// (<see cref="SurveyResults.SessionAnswerCounter"/>). Always empty for polls.
    /// </summary>
    public IReadOnlyList<long> RemovedSlots { get; init; } = [];

    /// <summary>
    /// What this vote adds to its target's voters: 1 for a vote; for a survey answer's change 0 (one answer replaces
    /// another), -1 (an answer taken back) or 1 (a question answered since). Polls' votes are always 1.
    /// </summary>
    public long Voters { get; init; } = 1;

    /// <summary>The plain fingerprint, kept only for non-anonymous polls.</summary>
    public string? Fingerprint { get; init; }
    public string? ClientMetadataJson { get; init; }
    public required DateTimeOffset VotedAt { get; init; }
    public long SubmittedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public string OptionsText => string.Join(',', OptionIds);

    internal TaskCompletionSource<VoteAdmission> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void Settle(AdmissionKind kind, long committedAt, string? batchId = null) =>
        Completion.TrySetResult(new VoteAdmission(kind, SubmittedAt, committedAt, batchId));
}
