
using SurveyFunctions.Core.Counting;

namespace SurveyFunctions.Core.Polls;

/// <summary>Polls as counter targets: a poll's target key is its id (<c>poll_…</c>); it exists while its poll row does.</summary>
public sealed class PollCounterTargets(PollStore polls, PollResultsEvents results) : ICounterTargetKind
{
    public const string KeyPrefix = "poll_";

    public bool Owns(string targetKey) => targetKey.StartsWith(KeyPrefix, StringComparison.Ordinal);

    public async Task<bool> ExistsAsync(string targetKey, CancellationToken ct) =>
        await polls.GetCachedAsync(targetKey, ct).ConfigureAwait(false) is not null;

    public void Forget(string targetKey) => polls.Invalidate(targetKey);

    public Task CloseAtCapAsync(string targetKey, DateTimeOffset at, CancellationToken ct) =>
        polls.MarkClosedAsync(targetKey, CloseReasons.MaxResponses, at, ct);

    public Task CountsChangingAsync(string targetKey, CancellationToken ct) => results.ScheduleAsync(targetKey, ct);
}
