using System.Collections.Concurrent;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyResults;

/// <summary>
/// Survey counters as counter targets (<see cref="SurveyCounterKeys"/>): one exists while its survey does. The answer is
/// cached per survey for a few seconds, like polls', since the aggregator asks for every target of every batch.
/// </summary>
public sealed class SurveyCounterTargets(SurveyStore surveys, TimeProvider time) : ICounterTargetKind
{
    private static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(5);

    // Surveys remembered; past this the cache starts over (a bound, not an eviction policy: re-reading is only slower).
    private const int MaxCached = 100_000;

    private readonly ConcurrentDictionary<(string TenantId, string Uuid), (Task<bool> Exists, long ExpiresAt)> _cache = new();

    public bool Owns(string targetKey) => targetKey.StartsWith(SurveyCounterKeys.KeyPrefix, StringComparison.Ordinal);

    public Task<bool> ExistsAsync(string targetKey, CancellationToken ct)
    {
        if (!SurveyCounterKeys.TryParse(targetKey, out var tenantId, out var uuid))
            return Task.FromResult(true); // not a key we issued: count it rather than drop it (see CounterTargets)
        var now = time.GetTimestamp();
        if (_cache.TryGetValue((tenantId, uuid), out var entry) && entry.ExpiresAt > now && !entry.Exists.IsFaulted)
            return entry.Exists.WaitAsync(ct);
        if (_cache.Count > MaxCached)
            _cache.Clear();
        var load = LoadAsync(tenantId, uuid);
        _cache[(tenantId, uuid)] = (load, now + (long)(CacheTtl.TotalSeconds * time.TimestampFrequency));
        return load.WaitAsync(ct);
    }

    public void Forget(string targetKey)
    {
        if (SurveyCounterKeys.TryParse(targetKey, out var tenantId, out var uuid))
            _cache.TryRemove((tenantId, uuid), out _);
    }

    /// <summary>Survey counters carry no cap (a survey's response limit is enforced by its completions), so there is nothing to close.</summary>
    public Task CloseAtCapAsync(string targetKey, DateTimeOffset at, CancellationToken ct) => Task.CompletedTask;

    private async Task<bool> LoadAsync(string tenantId, string uuid) =>
        await surveys.GetAsync(tenantId, uuid, CancellationToken.None).ConfigureAwait(false) is not null;
}
