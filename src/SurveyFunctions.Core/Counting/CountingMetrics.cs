using System.Diagnostics.Metrics;

namespace SurveyFunctions.Core.Counting;

/// <summary>
/// What the vote pipeline does per unit of work, for operators (OpenTelemetry / Application Insights read .NET meters) and the
/// benchmark: how many votes each commit transaction carries, which is what sets storage requests per vote.
/// </summary>
public static class CountingMetrics
{
    public const string MeterName = "SurveyFunctions.Counting";
    public const string CommitsName = "surveyfunctions.vote_commits";
    public const string CommittedVotesName = "surveyfunctions.committed_votes";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Entity group transactions the group committers submitted (tried, whatever storage answered).</summary>
    internal static readonly Counter<long> Commits = Meter.CreateCounter<long>(CommitsName, "{transaction}");

    /// <summary>Votes carried by committed transactions.</summary>
    internal static readonly Counter<long> CommittedVotes = Meter.CreateCounter<long>(CommittedVotesName, "{vote}");
}
