using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using SurveyFunctions.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SurveyFunctions.Tests.Logic;

/// <summary>
/// The property test of survey logic: random surveys with random display conditions, branches and hidden fields (CsCheck
/// generators), each created and started over HTTP, then taken by random respondents page by page through the Take family, going
/// back, changing answers and answering questions they are not shown. At every step the server must agree with a reference
/// evaluator written from the contract (<see cref="ReferenceLogic"/>): the pages and questions shown, the final status and redirect,
/// the answers stored (read through the Account family), and the survey's results over all completed sessions.
/// <para>
/// Deterministic by default (a fixed seed). <c>SURVEY_LOGIC_SEED=random</c> (or a number) picks another seed;
/// <c>SURVEY_LOGIC_CASE=n</c> runs case n alone; <c>SURVEY_LOGIC_SURVEYS=n</c> runs n surveys. A failure prints the seed, the case,
/// the survey's JSON and every request of every respondent so far.
/// </para>
/// </summary>
public sealed class LogicPropertyTests(SurveyHost host, ITestOutputHelper output) : IClassFixture<SurveyHost>
{
    private const ulong DefaultSeed = 20261207;
    private const int DefaultSurveys = 40;
    private const int RespondentsPerSurvey = 8;

    [Fact]
    public async Task The_server_walks_every_random_survey_exactly_as_the_reference_evaluator()
    {
        var seed = Seed();
        var surveys = Setting("SURVEY_LOGIC_SURVEYS") is { } count ? int.Parse(count, CultureInfo.InvariantCulture) : DefaultSurveys;
        var cases = Setting("SURVEY_LOGIC_CASE") is { } only
            ? [int.Parse(only, CultureInfo.InvariantCulture)]
            : Enumerable.Range(0, surveys).ToArray();
        output.WriteLine($"SURVEY_LOGIC_SEED={seed}, {cases.Length} surveys × {RespondentsPerSurvey} respondents");
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var generator = LogicGenerators.Case(RespondentsPerSurvey);
        var stats = new Stats();
        var clock = Stopwatch.StartNew();
        foreach (var index in cases)
        {
            var generated = generator.Generate(new PCG((uint)index, seed), null, out _);
            var log = new StringBuilder();
            try
            {
                await RunAsync(generated, index, key, stats, log);
            }
            catch (Exception ex) when (ex is LogicMismatchException or XunitException or InvalidOperationException or HttpRequestException)
            {
                throw new XunitException(
                    $"Survey logic case {index} failed: {ex.Message}\n" +
                    $"Replay: SURVEY_LOGIC_SEED={seed} SURVEY_LOGIC_CASE={index} dotnet test --filter {nameof(LogicPropertyTests)}\n" +
                    $"Survey: {generated.Survey.ToBody("case").ToJsonString()}\n" +
                    (generated.Mutation is { } m ? $"Broken on purpose: {m.Kind}\n" : "") + log);
            }
        }
        output.WriteLine($"{stats} in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(cases.Length == 1 || stats.Respondents >= cases.Length * RespondentsPerSurvey * 8 / 10,
            $"too few respondents ran: {stats}");
    }

    private async Task RunAsync(LogicCase generated, int index, string key, Stats stats, StringBuilder log)
    {
        var created = await host.Http.PostReplyAsync("/api/surveys", generated.Survey.ToBody($"Logic case {index}"), key);
        if (generated.Mutation is { } mutation)
        {
            var field = mutation.Field(generated.Survey);
            var error = created.Body?["error"];
            Assert.True(created.Status == HttpStatusCode.BadRequest && created.ErrorCode == "validation_error" &&
                error?["field"]?.GetValue<string>() == field,
                $"a survey broken on purpose ({mutation.Kind}) must be refused naming {field}: {(int)created.Status} {created.Body?.ToJsonString()}");
            stats.Refused++;
            return;
        }
        Assert.True(created.Status == HttpStatusCode.Created,
            $"a survey the contract calls valid was refused: {(int)created.Status} {created.Body?.ToJsonString()}");
        var started = await host.Http.PostReplyAsync($"/api/surveys/{created.Json.Uuid()}/start", null, key);
        Assert.True(started.Status == HttpStatusCode.OK, $"start: {(int)started.Status} {started.Body?.ToJsonString()}");
        var ids = LogicSurveyIds.Of(started.Json);
        stats.Surveys++;

        var outcomes = new List<RespondentOutcome>();
        for (var n = 0; n < generated.Respondents.Count; n++)
        {
            var respondent = generated.Respondents[n];
            log.AppendLine(CultureInfo.InvariantCulture,
                $"Respondent {n} (seed {respondent.Seed}, hidden {{{string.Join(", ", respondent.Hidden.Select(h => $"{h.Key}={h.Value}"))}}}" +
                $"{(respondent.Abandons ? ", may abandon" : "")}):");
            var run = new LogicRespondentRun(host.Http, key, generated.Survey, ids, respondent, $"lp{index}r{n}x{Guid.NewGuid():N}"[..24]);
            try
            {
                var outcome = await run.RunAsync();
                await run.AssertStoredAsync(outcome.Finished);
                outcomes.Add(outcome);
                stats.Count(outcome, run);
            }
            finally
            {
                log.Append(run.Log);
            }
        }
        await LogicResultsCheck.AssertAsync(host.Http, key, generated.Survey, ids, outcomes);
    }

    private static ulong Seed() => Setting("SURVEY_LOGIC_SEED") switch
    {
        null => DefaultSeed,
        "random" => (ulong)Random.Shared.NextInt64(),
        var text => ulong.Parse(text, CultureInfo.InvariantCulture),
    };

    private static string? Setting(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private sealed class Stats
    {
        public int Surveys { get; set; }
        public int Refused { get; set; }
        public int Respondents { get; private set; }
        private int _completed, _disqualified, _redirected, _open, _wentBack, _notShown, _steps;

        public void Count(RespondentOutcome outcome, LogicRespondentRun run)
        {
            Respondents++;
            _wentBack += run.WentBack;
            _notShown += run.RefusedNotShown;
            _steps += outcome.Finished?.Steps.Count ?? 0;
            switch (outcome.Finished)
            {
                case null: _open++; break;
                case { Ending: RefEnding.Redirect }: _redirected++; break;
                case { EndsDisqualified: true }: _disqualified++; break;
                default: _completed++; break;
            }
        }

        public override string ToString() =>
            $"{Surveys} surveys taken, {Refused} broken on purpose and refused; {Respondents} respondents: {_completed} completed, " +
            $"{_disqualified} terminated, {_redirected} redirected, {_open} left open; {_wentBack} went back, {_notShown} answers to " +
            $"questions not shown refused; {_steps} pages on finished paths";
    }
}
