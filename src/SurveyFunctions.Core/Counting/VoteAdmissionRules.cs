namespace SurveyFunctions.Core.Counting;

/// <summary>
/// The pure decisions of committing one vote partition, before and after its transaction: which votes of a batch go to
/// storage and which follow another's outcome, which the caps admit, and how a follower settles.
/// </summary>
internal static class VoteAdmissionRules
{
    /// <summary>The same voter twice in one batch: the first goes to storage (a leader), the others follow its outcome.</summary>
    public static (List<PendingVote> Leaders, List<(PendingVote Vote, PendingVote Leader)> Followers) SplitRepeatVoters(
        IEnumerable<PendingVote> batch)
    {
        var leaders = new Dictionary<string, PendingVote>(StringComparer.Ordinal);
        var followers = new List<(PendingVote Vote, PendingVote Leader)>();
        foreach (var vote in batch)
        {
            var key = VoteKeys.VoterRow(vote.Target.Key, vote.VoterHash);
            if (leaders.TryGetValue(key, out var leader))
                followers.Add((vote, leader));
            else
                leaders[key] = vote;
        }
        return ([.. leaders.Values], followers);
    }

    /// <summary>
    /// How a follower settles once its leader has: the same vote is a repeat, a different one is already voted, a full cap
    /// refuses both. Null when the stored vote is not the leader's: the follower must compare with storage itself.
    /// </summary>
    public static AdmissionKind? FollowerOutcome(PendingVote follower, PendingVote leader, AdmissionKind leaderOutcome) => leaderOutcome switch
    {
        AdmissionKind.Accepted or AdmissionKind.Repeated =>
            follower.OptionsText == leader.OptionsText ? AdmissionKind.Repeated : AdmissionKind.AlreadyVoted,
        AdmissionKind.CapReached => AdmissionKind.CapReached,
        _ => null,
    };

    /// <summary>
    /// Splits votes into those within their target's remaining cap and those past it, in order. <paramref name="tallies"/>
    /// must hold every capped target's tally as read.
    /// </summary>
    public static (List<PendingVote> Admitted, List<PendingVote> Refused) SplitByCaps(IReadOnlyList<PendingVote> votes,
        IReadOnlyDictionary<string, CapTally> tallies)
    {
        var admitted = new List<PendingVote>(votes.Count);
        var refused = new List<PendingVote>();
        var room = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var vote in votes)
        {
            if (vote.Target.Cap is not { } cap)
            {
                admitted.Add(vote);
                continue;
            }
            if (!room.TryGetValue(vote.Target.Key, out var left))
                left = cap - tallies[vote.Target.Key].Admitted;
            if (left > 0)
                admitted.Add(vote);
            else
                refused.Add(vote);
            room[vote.Target.Key] = left - 1;
        }
        return (admitted, refused);
    }

    /// <summary>The capped targets among <paramref name="votes"/> whose cap the tallies show reached.</summary>
    public static IEnumerable<CounterTarget> FullTargets(IEnumerable<PendingVote> votes, IReadOnlyDictionary<string, CapTally> tallies) =>
        votes.Select(v => v.Target).Where(t => t.Cap is not null).DistinctBy(t => t.Key)
            .Where(t => tallies.TryGetValue(t.Key, out var tally) && tally.Admitted >= t.Cap);
}
