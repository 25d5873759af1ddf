using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.SurveyResults;

/// <summary>
/// One respondent's answers to <see cref="TakeApi.ThreePageSurvey"/>, taken page by page through the Take endpoints, and
/// what the results of many such respondents must be (computed from the answers, question by question).
/// </summary>
public sealed record ThreePageAnswers(string Uses, int Satisfaction, string[] Features, string Often, int Nps, string? Comment)
{
    public const string UsesQuestion = "Do you use our product?";
    public const string SatisfactionQuestion = "How satisfied are you?";
    public const string FeaturesQuestion = "Which features do you use?";
    public const string OftenQuestion = "How often?";
    public const string NpsQuestion = "How likely are you to recommend us?";
    public const string CommentQuestion = "Anything else?";

    public static readonly string[] FeatureLabels = ["Reports", "Alerts", "Export"];
    public static readonly string[] OftenLabels = ["Daily", "Weekly", "Monthly"];

    /// <summary>"No" to the first question disqualifies (the survey's disqualify option).</summary>
    public bool Disqualifies => Uses == "No";

    /// <summary>Answers that vary with <paramref name="i"/> over every option, value and the optional questions left out.</summary>
    public static ThreePageAnswers Varied(int i) => new(
        i % 7 == 3 ? "No" : "Yes",
        1 + i * 3 % 5,
        [.. FeatureLabels.Where((_, f) => (i >> f & 1) == 1)],
        OftenLabels[i % 3],
        i * 7 % 11,
        i % 4 == 0 ? null : $"comment {i}");

    /// <summary>Takes the survey to its end (or disqualification); returns the token the final page was submitted with and the final reply.</summary>
    public async Task<(string LastToken, TakeApi.TakeReply Final)> TakeAsync(HttpClient http, string apiKey, string surveyId,
        string? customerId = null)
    {
        var first = await http.TakeAsync(apiKey, surveyId, query: customerId is null ? "" : $"?customer_id={customerId}");
        Assert.Equal("success", first.ResponseStatus);
        var page2 = await http.SubmitAnswersAsync(apiKey, surveyId, first.Token,
            (first.QuestionId(UsesQuestion), new[] { first.OptionId(UsesQuestion, Uses) }), (first.QuestionId(SatisfactionQuestion), Satisfaction));
        if (Disqualifies)
        {
            Assert.Equal("terminated", page2.ResponseStatus);
            return (first.Token!, page2);
        }
        var page3 = await SubmitPageTwoAsync(http, apiKey, surveyId, page2);
        return (page3.Token!, await SubmitFinalPageAsync(http, apiKey, surveyId, page3, page3.Token!));
    }

    /// <summary>Takes the survey up to its last page without submitting it; returns that page's reply (its token submits it).</summary>
    public async Task<TakeApi.TakeReply> TakeToLastPageAsync(HttpClient http, string apiKey, string surveyId, string? customerId = null)
    {
        var first = await http.TakeAsync(apiKey, surveyId, query: customerId is null ? "" : $"?customer_id={customerId}");
        var page2 = await http.SubmitAnswersAsync(apiKey, surveyId, first.Token,
            (first.QuestionId(UsesQuestion), new[] { first.OptionId(UsesQuestion, Uses) }), (first.QuestionId(SatisfactionQuestion), Satisfaction));
        Assert.Equal("success", page2.ResponseStatus);
        return await SubmitPageTwoAsync(http, apiKey, surveyId, page2);
    }

    public Task<TakeApi.TakeReply> SubmitFinalPageAsync(HttpClient http, string apiKey, string surveyId, TakeApi.TakeReply lastPage, string token)
    {
        var answers = new List<(long, object)> { (lastPage.QuestionId(NpsQuestion), Nps) };
        if (Comment is not null)
            answers.Add((lastPage.QuestionId(CommentQuestion), Comment));
        return http.SubmitAnswersAsync(apiKey, surveyId, token, [.. answers]);
    }

    private async Task<TakeApi.TakeReply> SubmitPageTwoAsync(HttpClient http, string apiKey, string surveyId, TakeApi.TakeReply page2)
    {
        var answers = new List<(long, object)> { (page2.QuestionId(OftenQuestion), new[] { page2.OptionId(OftenQuestion, Often) }) };
        if (Features.Length > 0)
            answers.Add((page2.QuestionId(FeaturesQuestion), Features.Select(f => page2.OptionId(FeaturesQuestion, f)).ToArray()));
        var page3 = await http.SubmitAnswersAsync(apiKey, surveyId, page2.Token, [.. answers]);
        Assert.Equal("success", page3.ResponseStatus);
        return page3;
    }

    /// <summary>
    /// Asserts that <paramref name="results"/> (the results endpoint's body) are exactly what <paramref name="taken"/> add up to:
    /// the completed sessions' answers, question by question, and the disqualified sessions apart.
    /// </summary>
    public static void AssertResults(JsonNode results, IReadOnlyCollection<ThreePageAnswers> taken)
    {
        var completed = taken.Where(t => !t.Disqualifies).ToArray();
        Assert.Equal(completed.Length, results["completed_sessions"]!.GetValue<long>());
        Assert.Equal(taken.Count(t => t.Disqualifies), results["disqualified_sessions"]!.GetValue<long>());
        var questions = results["questions"]!.AsArray().ToDictionary(q => q!["question"]!.GetValue<string>(), q => q!);
        Assert.Equal([UsesQuestion, SatisfactionQuestion, FeaturesQuestion, OftenQuestion, NpsQuestion, CommentQuestion], questions.Keys);

        AssertChoice(questions[UsesQuestion], "single_choice", completed.Length, ["Yes", "No"], completed.Select(t => new[] { t.Uses }));
        AssertChoice(questions[FeaturesQuestion], "multiple_choice", completed.Count(t => t.Features.Length > 0), FeatureLabels,
            completed.Select(t => t.Features));
        AssertChoice(questions[OftenQuestion], "dropdown", completed.Length, OftenLabels, completed.Select(t => new[] { t.Often }));

        var rating = questions[SatisfactionQuestion];
        Assert.Equal("rating", rating["type"]!.GetValue<string>());
        Assert.Equal(completed.Length, rating["answers"]!.GetValue<long>());
        AssertValues(rating, 1, 5, completed.Select(t => t.Satisfaction));
        if (completed.Length == 0)
            Assert.Null(rating["average"]);
        else
            Assert.Equal(Math.Round(completed.Average(t => (double)t.Satisfaction), 2, MidpointRounding.AwayFromZero),
                rating["average"]!.GetValue<double>());

        var nps = questions[NpsQuestion];
        Assert.Equal("nps", nps["type"]!.GetValue<string>());
        Assert.Equal(completed.Length, nps["answers"]!.GetValue<long>());
        AssertValues(nps, 0, 10, completed.Select(t => t.Nps));
        var promoters = completed.Count(t => t.Nps >= 9);
        var detractors = completed.Count(t => t.Nps <= 6);
        Assert.Equal((promoters, completed.Length - promoters - detractors, detractors),
            (nps["promoters"]!.GetValue<int>(), nps["passives"]!.GetValue<int>(), nps["detractors"]!.GetValue<int>()));
        if (completed.Length == 0)
            Assert.Null(nps["nps"]);
        else
            Assert.Equal(Math.Round(100.0 * (promoters - detractors) / completed.Length, 2, MidpointRounding.AwayFromZero),
                nps["nps"]!.GetValue<double>());

        var comment = questions[CommentQuestion];
        Assert.Equal("text", comment["type"]!.GetValue<string>());
        Assert.Equal(completed.Count(t => t.Comment is not null), comment["answers"]!.GetValue<long>());
        Assert.Equal(["id", "identifier", "type", "question", "answers"], comment.AsObject().Select(p => p.Key));
    }

    private static void AssertChoice(JsonNode question, string type, int answers, string[] labels, IEnumerable<string[]> picks)
    {
        Assert.Equal(type, question["type"]!.GetValue<string>());
        Assert.Equal(answers, question["answers"]!.GetValue<long>());
        var options = question["options"]!.AsArray();
        Assert.Equal(labels, options.Select(o => o!["label"]!.GetValue<string>()));
        Assert.All(options, o => Assert.True(o!["id"]!.GetValue<long>() > 0));
        var expected = labels.Select(l => (long)picks.Count(p => p.Contains(l))).ToArray();
        Assert.Equal(expected, options.Select(o => o!["count"]!.GetValue<long>()));
    }

    private static void AssertValues(JsonNode question, int min, int max, IEnumerable<int> given)
    {
        var values = question["values"]!.AsArray();
        Assert.Equal(Enumerable.Range(min, max - min + 1).Select(v => (long)v), values.Select(v => v!["value"]!.GetValue<long>()));
        Assert.Equal(Enumerable.Range(min, max - min + 1).Select(v => (long)given.Count(g => g == v)),
            values.Select(v => v!["count"]!.GetValue<long>()));
    }

    public static async Task<JsonNode> ResultsAsync(HttpClient http, string apiKey, string surveyUuid)
    {
        var reply = await http.GetReplyAsync($"/api/surveys/{surveyUuid}/results", apiKey);
        Assert.True(reply.Status == HttpStatusCode.OK, $"results: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        return reply.Json;
    }
}
