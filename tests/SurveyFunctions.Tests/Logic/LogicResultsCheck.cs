using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Logic;

/// <summary>
/// A survey's results (<c>GET /api/surveys/{uuid}/results</c>) against the reference: completed and disqualified sessions, and per
/// question the number of answers, picks per option and answers per scale value, counted over the answers the reference keeps
/// on the path of every completed (not disqualified) session.
/// </summary>
public static class LogicResultsCheck
{
    public static async Task AssertAsync(HttpClient http, string apiKey, MSurvey survey, LogicSurveyIds ids,
        IReadOnlyList<RespondentOutcome> outcomes)
    {
        var reply = await http.GetReplyAsync($"/api/surveys/{ids.Uuid}/results", apiKey);
        Check(reply.Status == HttpStatusCode.OK, $"results: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        var results = reply.Json;
        var counted = outcomes.Where(o => o.Finished is { EndsDisqualified: false }).ToArray();
        var disqualified = outcomes.Count(o => o.Finished is { EndsDisqualified: true });
        Check(results["completed_sessions"]!.GetValue<long>() == counted.Length && results["disqualified_sessions"]!.GetValue<long>() == disqualified,
            $"results count {results["completed_sessions"]} completed and {results["disqualified_sessions"]} disqualified sessions, " +
            $"expected {counted.Length} and {disqualified}");
        foreach (var question in survey.Questions)
        {
            var shown = results["questions"]!.AsArray().Single(q => q!["identifier"]!.GetValue<string>() == question.Identifier)!;
            var answers = counted.Select(o => o.Stored.GetValueOrDefault(question.Identifier)).OfType<MAnswer>().ToArray();
            Check(shown["answers"]!.GetValue<long>() == answers.Length,
                $"results: {question.Identifier} has {shown["answers"]} answers, expected {answers.Length}");
            if (question.IsChoice)
            {
                foreach (var option in question.Options)
                {
                    var count = Count(shown["options"]!, "id", ids.Options[option.ClientId]);
                    var expected = answers.Count(a => a.Picks!.Contains(option.ClientId));
                    Check(count == expected, $"results: option {option.ClientId} picked {count} times, expected {expected}");
                }
            }
            else if (question.IsScale)
            {
                for (var value = question.Min; value <= question.Max; value++)
                {
                    var count = Count(shown["values"]!, "value", value);
                    var expected = answers.Count(a => a.Number == value);
                    Check(count == expected, $"results: {question.Identifier} = {value} given {count} times, expected {expected}");
                }
            }
        }
    }

    private static long Count(JsonNode list, string key, long id) =>
        list.AsArray().Single(x => x![key]!.GetValue<long>() == id)!["count"]!.GetValue<long>();

    private static void Check(bool condition, string message)
    {
        if (!condition)
            throw new LogicMismatchException(message);
    }
}
