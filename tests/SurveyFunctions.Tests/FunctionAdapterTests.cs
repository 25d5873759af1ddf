using System.Text.RegularExpressions;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests;

/// <summary>The Functions app must expose every core route and job exactly as the standalone host does.</summary>
public sealed class FunctionAdapterTests
{
    [Fact]
    public void Every_route_and_job_has_a_matching_Functions_adapter()
    {
        var adapters = FunctionAdapterScanner.Scan(FunctionAdapterScanner.FunctionSources());
        Assert.Equal(RouteTable.All.Count + Core.Jobs.JobTable.All.Count, adapters.Count);
        Assert.Empty(FunctionAdapterScanner.Compare(adapters));
    }

    [Fact]
    public void Removing_an_adapter_is_reported()
    {
        var sources = FunctionAdapterScanner.FunctionSources();
        var victim = RouteTable.All[^1].Name;
        var edited = sources.Select(s => AdapterMethod(victim).Replace(s, "")).ToArray();
        Assert.NotEqual(sources, edited);

        var problems = FunctionAdapterScanner.Compare(FunctionAdapterScanner.Scan(edited));
        Assert.Contains(problems, p => p.StartsWith(victim + ": no Functions adapter", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_route_method_or_queue_is_reported()
    {
        var sources = FunctionAdapterScanner.FunctionSources();
        var edited = sources
            .Select(s => s.Replace("Route = \"api/polls/{id}/results\"", "Route = \"api/polls/{id}/result\"", StringComparison.Ordinal))
            .Select(s => s.Replace("\"delete\", Route = \"api/polls/{id}\"", "\"post\", Route = \"api/polls/{id}\"", StringComparison.Ordinal))
            .Select(s => s.Replace("QueueTrigger(\"votes\"", "QueueTrigger(\"votes2\"", StringComparison.Ordinal))
            .ToArray();
        var problems = FunctionAdapterScanner.Compare(FunctionAdapterScanner.Scan(edited));
        Assert.Contains(problems, p => p.StartsWith("PollsResults: adapter route", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("PollsDelete: adapter methods", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("AggregateVotes: adapter is QueueTrigger 'votes2'", StringComparison.Ordinal));
    }

    private static Regex AdapterMethod(string name) =>
        new($@"\[Function\(""{name}""\)\]\s*public[^\n]*\n", RegexOptions.CultureInvariant);
}
