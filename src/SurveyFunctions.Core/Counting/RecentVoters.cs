namespace SurveyFunctions.Core.Counting;

/// <summary>
/// The voters one partition committer stored lately, with what they chose: a client retrying its vote (or voting again)
/// usually comes back to the same instance soon, and is then settled here without a transaction that fails on its voter
/// row and a read of that row. Only a hint that saves storage requests: a voter not found here goes to storage, whose
/// insert conflict stays the rule. Voter rows are never changed once written, and only deleted with their poll or survey,
/// whose ids are never reused, so an entry never contradicts storage. Bounded: past <see cref="Capacity"/> it starts over.
/// </summary>
internal sealed class RecentVoters
{
    public const int Capacity = 20_000;

    private readonly Dictionary<string, string> _optionsByVoterRow = new(StringComparer.Ordinal);

    /// <summary>What the voter chose, if this committer stored their vote lately.</summary>
    public string? Find(PendingVote vote)
    {
        lock (_optionsByVoterRow)
            return _optionsByVoterRow.GetValueOrDefault(VoteKeys.VoterRow(vote.Target.Key, vote.VoterHash));
    }

    public void Add(IEnumerable<PendingVote> stored)
    {
        lock (_optionsByVoterRow)
        {
            foreach (var vote in stored)
            {
                if (_optionsByVoterRow.Count >= Capacity)
                    _optionsByVoterRow.Clear(); // a bound, not an eviction policy: a forgotten voter costs only the storage round trip
                _optionsByVoterRow[VoteKeys.VoterRow(vote.Target.Key, vote.VoterHash)] = vote.OptionsText;
            }
        }
    }
}
