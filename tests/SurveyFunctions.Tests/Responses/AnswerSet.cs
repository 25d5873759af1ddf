using System.Text.Json.Nodes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;

namespace SurveyFunctions.Tests.Responses;

/// <summary>
/// One survey response's answers in the survey the answer-change tests use (<see cref="SurveyBody"/>: an optional rating
/// 1–5, an optional multiple choice of topics, an optional comment): what to send, what storage holds, and what the
/// survey's results must then say. Absent answers are sent as <c>skipped</c>.
/// </summary>
public sealed record AnswerSet(int? Score, string[] Topics, string? Comment)
{
    public static readonly string[] TopicLabels = ["Billing", "Shipping", "Returns"];

    public static JsonObject SurveyBody() => new()
    {
        ["name"] = "Changes",
        ["pages"] = new JsonArray(
            TakeApi.Page(
                TakeApi.Scale("score", "rating", "How was it?", false, 1, 5),
                TakeApi.Question("topics", "multiple_choice", "What was it about?", false,
                    TakeApi.Options([.. TopicLabels.Select(t => (t, false))]))),
            TakeApi.Page(TakeApi.Question("comment", "text", "Anything else?", false, null))),
    };

    /// <summary>The i-th of many different answer sets: every rating or none, every combination of topics, a comment or none.</summary>
    public static AnswerSet Variant(int i) => new(
        i % 6 == 5 ? null : (i % 5) + 1,
        [.. TopicLabels.Where((_, bit) => (i >> bit & 1) == 1)],
        i % 3 == 0 ? null : $"Variant {i}");

    public JsonArray ToAnswers(SurveyIds survey) => Answers(
        Score is { } score ? Rating(survey.Questions["score"], score) : Skip(survey.Questions["score"]),
        Topics.Length > 0 ? Choice(survey.Questions["topics"], [.. Topics.Select(t => survey.Options[t])]) : Skip(survey.Questions["topics"]),
        Comment is { } comment ? Text(survey.Questions["comment"], comment) : Skip(survey.Questions["comment"]));

    /// <summary>The answers a stored session holds.</summary>
    public static AnswerSet Stored(SurveyIds survey, SurveySession session)
    {
        var labels = survey.Options.ToDictionary(o => o.Value, o => o.Key);
        var topics = session.AnswerTo(survey.Questions["topics"])?.OptionIds.Select(id => labels[id]).ToHashSet() ?? [];
        return new AnswerSet((int?)session.AnswerTo(survey.Questions["score"])?.Value, [.. TopicLabels.Where(topics.Contains)],
            session.AnswerTo(survey.Questions["comment"])?.Text);
    }

    /// <summary>The answers a response holds, from its <c>GET /api/v2/guide/{locale}/survey_responses/{id}</c> body.</summary>
    public static AnswerSet Shown(SurveyIds survey, JsonNode shown)
    {
        var answers = shown["survey_response"]!["answers"]!.AsArray().ToDictionary(a => long.Parse(a!["question"]!["id"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture), a => a!);
        var labels = survey.Options.ToDictionary(o => o.Value, o => o.Key);
        var score = answers[survey.Questions["score"]];
        var topics = answers[survey.Questions["topics"]]["selections"]?.AsArray().Select(o => labels[long.Parse(o!["option_id"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture)]).ToHashSet() ?? [];
        return new AnswerSet(score["rating"]?.GetValue<int>(), [.. TopicLabels.Where(topics.Contains)],
            answers[survey.Questions["comment"]]["value"]?.GetValue<string>());
    }

    /// <summary>
    /// The results' counts in one line: completed sessions, then per question its answers and every value or option
    /// counted, so a count below zero, or a value outside the scale, shows as a difference.
    /// </summary>
    public static string Summary(JsonNode results)
    {
        var questions = results["questions"]!.AsArray().ToDictionary(q => q!["identifier"]!.GetValue<string>(), q => q!);
        var values = questions["score"]["values"]!.AsArray().Select(v => $"{v!["value"]}:{v["count"]}");
        var options = questions["topics"]["options"]!.AsArray().Select(o => $"{o!["label"]!.GetValue<string>()}:{o["count"]}");
        return $"completed {results["completed_sessions"]}; score {questions["score"]["answers"]} [{string.Join(' ', values)}]; " +
            $"topics {questions["topics"]["answers"]} [{string.Join(' ', options)}]; comment {questions["comment"]["answers"]}";
    }

    /// <summary><see cref="Summary"/> of the results that exactly <paramref name="responses"/> make.</summary>
    public static string Expected(IReadOnlyCollection<AnswerSet> responses)
    {
        var values = Enumerable.Range(1, 5).Select(v => $"{v}:{responses.Count(r => r.Score == v)}");
        var options = TopicLabels.Select(t => $"{t}:{responses.Count(r => r.Topics.Contains(t))}");
        return $"completed {responses.Count}; score {responses.Count(r => r.Score is not null)} [{string.Join(' ', values)}]; " +
            $"topics {responses.Count(r => r.Topics.Length > 0)} [{string.Join(' ', options)}]; comment {responses.Count(r => r.Comment is not null)}";
    }

    /// <summary>
    /// Waits (up to a minute) for the survey's results to count exactly <paramref name="stored"/>, as the aggregator and the
    /// recovery job of a running host finish what cut-off requests left; fails with the last difference otherwise.
    /// </summary>
    public static async Task AssertEventuallyCountedAsync(HttpClient http, string apiKey, string surveyUuid, IReadOnlyCollection<AnswerSet> stored)
    {
        var expected = Expected(stored);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        string actual;
        while ((actual = Summary(await SurveyResults.ThreePageAnswers.ResultsAsync(http, apiKey,
            surveyUuid))) != expected && DateTime.UtcNow < deadline)
            await Task.Delay(500);
        Assert.Equal(expected, actual);
    }

    public bool Equals(AnswerSet? other) => other is not null && Score == other.Score && Topics.SequenceEqual(other.Topics)
        && Comment == other.Comment;

    public override int GetHashCode() => HashCode.Combine(Score, Topics.Length, Comment);
}
