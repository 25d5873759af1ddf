using System.Collections.Concurrent;
using System.Net;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// What every voter was told, and the checks that tie it to storage: each vote that got a 2xx is stored and counted
/// exactly once; each vote refused with a 4xx left nothing behind; votes whose outcome the caller could not know
/// (connection cut, 5xx) are either wholly there (stored and counted) or wholly absent, and a client retry settles them.
/// </summary>
public sealed class VoteLedger(string pollId, string token, int options)
{
    public enum Outcome
    {
        Accepted,
        Refused,
        ServerError,
        NoAnswer,
        NotSent,
    }

    private readonly ConcurrentDictionary<string, (Outcome Outcome, string Option, string Detail)> _votes = new(StringComparer.Ordinal);
    private int _next;

    public int Count(Outcome outcome) => _votes.Values.Count(v => v.Outcome == outcome);

    public string Summary => string.Join(", ", Enum.GetValues<Outcome>().Select(o => $"{o} {Count(o)}"));

    /// <summary>Casts one new voter's vote and records what the caller was told.</summary>
    public async Task VoteAsync(HttpClient http)
    {
        var n = Interlocked.Increment(ref _next);
        var voter = $"ledger-voter-{n}";
        var option = $"opt_{n % options + 1}";
        _votes[voter] = await CastAsync(http, voter, option);
    }

    /// <summary>A client retrying every vote whose outcome it could not know: each must now succeed.</summary>
    public async Task RetryUncertainAsync(HttpClient http)
    {
        var uncertain = _votes.Where(v => v.Value.Outcome is Outcome.ServerError or Outcome.NoAnswer or Outcome.NotSent).ToArray();
        var retried = await Task.WhenAll(uncertain.Select(async v => (Voter: v.Key, Result: await CastAsync(http, v.Key, v.Value.Option))));
        foreach (var (voter, result) in retried)
        {
            Assert.True(result.Outcome == Outcome.Accepted, $"retry of {voter} was not accepted: {result.Detail}");
            _votes[voter] = result;
        }
    }

    /// <summary>Once aggregation has caught up: stored votes, counters and what callers were told all agree.</summary>
    public async Task AssertConsistentAsync(HttpClient http, string apiKey, TimeSpan drainTimeout)
    {
        var (total, counts) = await http.WaitForAggregationAsync(pollId, apiKey, drainTimeout);
        var stored = await http.ListVotesAsync(pollId, apiKey);

        Assert.Equal(stored.Count, total);
        foreach (var group in stored.GroupBy(v => v.Value, StringComparer.Ordinal))
            Assert.Equal(group.Count(), counts.GetValueOrDefault(group.Key));
        Assert.Equal(stored.Count, counts.Values.Sum());

        foreach (var (voter, (outcome, option, detail)) in _votes)
        {
            switch (outcome)
            {
                case Outcome.Accepted:
                    Assert.True(stored.TryGetValue(voter, out var kept) && kept == option,
                        $"{voter} was accepted but its vote is not stored as {option}");
                    break;
                case Outcome.Refused or Outcome.NotSent:
                    Assert.False(stored.ContainsKey(voter), $"{voter} was refused or never sent ({detail}) but its vote is stored");
                    break;
            }
        }
        // Nothing stored that nobody cast.
        Assert.All(stored.Keys, voter => Assert.True(_votes.ContainsKey(voter), $"{voter} is stored but was never cast"));
    }

    private async Task<(Outcome Outcome, string Option, string Detail)> CastAsync(HttpClient http, string voter, string option)
    {
        try
        {
            var reply = await http.VoteAsync(pollId, token, voter, option);
            var outcome = reply.Status switch
            {
                HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted => Outcome.Accepted,
                >= HttpStatusCode.InternalServerError => Outcome.ServerError,
                _ => Outcome.Refused,
            };
            return (outcome, option, $"{(int)reply.Status} {reply.ErrorCode}");
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            // No connection (the host is down): the request never reached it.
            return (Outcome.NotSent, option, ex.GetType().Name);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            // Cut off mid-request (InvalidOperationException: a truncated, unparsable body).
            return (Outcome.NoAnswer, option, ex.GetType().Name);
        }
    }
}
