namespace SurveyFunctions.Core.Counting;

/// <summary>One kind of <see cref="CounterTarget"/> (polls, survey counters): which keys are its own, and whether one still exists.</summary>
public interface ICounterTargetKind
{
    bool Owns(string targetKey);

    /// <summary>False once the target's owner is deleted (its vote rows go with it): the aggregator must not recreate its counter.</summary>
    Task<bool> ExistsAsync(string targetKey, CancellationToken ct);

    /// <summary>Drops what is cached about the target, so the next <see cref="ExistsAsync"/> reads storage.</summary>
    void Forget(string targetKey);

    /// <summary>Records that the target reached its response cap at <paramref name="at"/> (a poll closes); the tally already refuses more.</summary>
    Task CloseAtCapAsync(string targetKey, DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Called before the aggregator commits new counts for the target (so a process dying right after the commit has already
    /// said so): polls schedule their coalesced results event. Most kinds have nothing to do.
    /// </summary>
    Task CountsChangingAsync(string targetKey, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>
/// The aggregator's view of every kind of target it counts. A key no kind owns is treated as existing: writing a counter
/// nobody reads is harmless, dropping counts is not.
/// </summary>
public sealed class CounterTargets(IEnumerable<ICounterTargetKind> kinds)
{
    private readonly ICounterTargetKind[] _kinds = [.. kinds];

    public Task<bool> ExistsAsync(string targetKey, CancellationToken ct) =>
        KindOf(targetKey) is { } kind ? kind.ExistsAsync(targetKey, ct) : Task.FromResult(true);

    public void Forget(string targetKey) => KindOf(targetKey)?.Forget(targetKey);

    public Task CloseAtCapAsync(string targetKey, DateTimeOffset at, CancellationToken ct) =>
        KindOf(targetKey) is { } kind ? kind.CloseAtCapAsync(targetKey, at, ct) : Task.CompletedTask;

    public Task CountsChangingAsync(string targetKey, CancellationToken ct) =>
        KindOf(targetKey) is { } kind ? kind.CountsChangingAsync(targetKey, ct) : Task.CompletedTask;

    private ICounterTargetKind? KindOf(string targetKey)
    {
        foreach (var kind in _kinds)
        {
            if (kind.Owns(targetKey))
                return kind;
        }
        return null;
    }
}
