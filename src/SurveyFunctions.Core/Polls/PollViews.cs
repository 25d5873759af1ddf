
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Http.Paging;

namespace SurveyFunctions.Core.Polls;

/// <summary>Response bodies of the Polls family, in the Polls API's field names (snake_case via <see cref="Http.Json.ApiJson"/>).</summary>
public static class PollViews
{
    public sealed record OptionView(string Id, string Label);

    public sealed record PollView(
        string Id,
        string Title,
        string? Description,
        string Mode,
        IReadOnlyList<OptionView> Options,
        bool AllowMultiple,
        bool ShowResultsBeforeVote,
        bool ShowResultsAfterVote,
        bool Anonymous,
        bool Published,
        DateTimeOffset? StartsAt,
        DateTimeOffset? EndsAt,
        long? MaxResponses,
        string? CloseMessage,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? ClosedAt,
        string? CloseReason);

    public sealed record OptionCount(string OptionId, long Count);

    public sealed record ResultsView(long TotalVotes, IReadOnlyList<OptionCount> Results);

    /// <summary>The owner's results also say how many votes the aggregator has yet to fold into the counters.</summary>
    public sealed record OwnerResultsView(long TotalVotes, IReadOnlyList<OptionCount> Results, long PendingVotes);

    public static PollView Full(Poll poll) => new(
        poll.Id, poll.Title, poll.Description, poll.Mode,
        poll.Options.Select(o => new OptionView(o.Id, o.Label)).ToArray(),
        poll.AllowMultiple, poll.ShowResultsBeforeVote, poll.ShowResultsAfterVote, poll.Anonymous, poll.Published,
        poll.StartsAt, poll.EndsAt, poll.MaxResponses, poll.CloseMessage, poll.CreatedAt, poll.UpdatedAt, poll.ClosedAt, poll.CloseReason);

    public static ResultsView Results(Poll poll, TargetCounts counts) =>
        new(counts.Total, poll.Options.Select(o => new OptionCount(o.Id, counts.CountFor(o.Slot))).ToArray());

    public sealed record ListView(IReadOnlyList<PollSummary> Polls, Paging.Pagination Pagination);
}
