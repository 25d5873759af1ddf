namespace SurveyFunctions.Core.Polls.Voting;

/// <summary>How the group committer settled one vote.</summary>
public enum AdmissionKind
{
    /// <summary>Recorded now, durable and scheduled for counting.</summary>
    Accepted,

    /// <summary>This voter already cast exactly this vote (a retry): the same success, counted once.</summary>
    Repeated,

    /// <summary>This voter already cast a different vote.</summary>
    AlreadyVoted,

    /// <summary>The poll's <c>max_responses</c> was reached before this vote.</summary>
    CapReached,
}

/// <summary>The outcome, with monotonic timestamps bracketing the durable write (used to decide whether a results snapshot includes the vote).</summary>
public sealed record VoteAdmission(AdmissionKind Kind, long SubmittedAt, long CommittedAt);

/// <summary>A validated vote waiting for the group committer of its partition.</summary>
public sealed class PendingVote
{
    public required Poll Poll { get; init; }
    public required string VoterHash { get; init; }
    public required int PartitionIndex { get; init; }

    /// <summary>Chosen option ids, sorted, so the same choice always compares equal.</summary>
    public required IReadOnlyList<string> OptionIds { get; init; }
    public required IReadOnlyList<int> Slots { get; init; }

    /// <summary>The plain fingerprint, kept only for non-anonymous polls.</summary>
    public string? Fingerprint { get; init; }
    public string? ClientMetadataJson { get; init; }
    public required DateTimeOffset VotedAt { get; init; }
    public long SubmittedAt { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();

    public string OptionsText => string.Join(',', OptionIds);

    internal TaskCompletionSource<VoteAdmission> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal void Settle(AdmissionKind kind, long committedAt) => Completion.TrySetResult(new VoteAdmission(kind, SubmittedAt, committedAt));
}
