using System.Text.Json.Nodes;
using static SurveyFunctions.Tests.Reliability.Expected;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The Take family's submit-page body, sent with a live session token: JSON of the wrong shape is a 400 naming the field.
/// (Answers of the right shape that do not fit their question are the page's <c>validation_errors</c>, a 200 with nothing
/// stored, and are tested in the Take tests.)
/// </summary>
public static partial class BadBodyCases
{
    /// <summary>A property, not a field: the endpoint table in the other part of this class reads it during its own initialisation.</summary>
    private static BodyEndpoint TakeSubmitPage => new("TakeSubmitPage", HttpMethod.Post, "/a/api/v2/surveys/{activeSurvey}/submit-page", Caller.Owner,
        """{"answers":[]}""",
        [ListField("answers", required: true), TextField("language", 35, extra: ("not a language code", "\"en us\""))])
    {
        SurveyToken = "{takeToken}",
    };

    private static IEnumerable<BadRequest> TakeSpecial()
    {
        var submit = TakeSubmitPage;
        string Answers(string items) => With(submit.ValidBody, "answers", JsonNode.Parse(items));
        (string Input, string Items, string Field)[] answers =
        [
            ("a number", "[1]", "answers[0]"), ("a null", "[null]", "answers[0]"), ("a string", "[\"q\"]", "answers[0]"),
                ("an array", "[[1]]", "answers[0]"),
            ("no questionID", "[{}]", "answers[0].questionID"), ("questionID null", "[{\"questionID\":null}]", "answers[0].questionID"),
            ("questionID a string", "[{\"questionID\":\"1\"}]", "answers[0].questionID"),
                ("questionID 0", "[{\"questionID\":0}]", "answers[0].questionID"),
            ("questionID negative", "[{\"questionID\":-1}]", "answers[0].questionID"),
                ("questionID a fraction", "[{\"questionID\":1.5}]", "answers[0].questionID"),
            ("questionID 1e30", "[{\"questionID\":1e30}]", "answers[0].questionID"),
                ("questionID a boolean", "[{\"questionID\":true}]", "answers[0].questionID"),
            ("questionID an OData expression", "[{\"questionID\":\"' or PartitionKey ne '\"}]", "answers[0].questionID"),
            ("the second one bad", "[{\"questionID\":1,\"value\":1},{\"questionID\":\"x\"}]", "answers[1].questionID"),
            ("answerIDs a string", "[{\"questionID\":1,\"answerIDs\":\"1,2\"}]", "answers[0].answerIDs"),
            ("answerIDs an object", "[{\"questionID\":1,\"answerIDs\":{}}]", "answers[0].answerIDs"),
            ("answerIDs with 0", "[{\"questionID\":1,\"answerIDs\":[0]}]", "answers[0].answerIDs"),
            ("answerIDs with a string", "[{\"questionID\":1,\"answerIDs\":[\"a\"]}]", "answers[0].answerIDs"),
            ("answerIDs with a fraction", "[{\"questionID\":1,\"answerIDs\":[1.5]}]", "answers[0].answerIDs"),
            ("answerIDs with a null", "[{\"questionID\":1,\"answerIDs\":[null]}]", "answers[0].answerIDs"),
            ("101 answerIDs", "[{\"questionID\":1,\"answerIDs\":[" + string.Join(",", Enumerable.Range(1, 101)) + "]}]", "answers[0].answerIDs"),
            ("value a string", "[{\"questionID\":1,\"value\":\"5\"}]", "answers[0].value"),
                ("value a boolean", "[{\"questionID\":1,\"value\":true}]", "answers[0].value"),
            ("value an array", "[{\"questionID\":1,\"value\":[5]}]", "answers[0].value"),
                ("value an object", "[{\"questionID\":1,\"value\":{}}]", "answers[0].value"),
            ("text a number", "[{\"questionID\":1,\"text\":5}]", "answers[0].text"),
                ("text an array", "[{\"questionID\":1,\"text\":[\"a\"]}]", "answers[0].text"),
            ("201 answers", "[" + string.Join(",", Enumerable.Range(1, 201).Select(i => $"{{\"questionID\":{i},\"value\":1}}")) + "]", "answers"),
        ];
        foreach (var (input, items, field) in answers)
            yield return submit.Request($"answers[]: {input}", Answers(items), Invalid(field));
        yield return submit.Request("language only, empty", """{"language":""}""", Invalid("language"));
        yield return submit.Request("neither answers nor language", """{"lang":"en"}""", Invalid("answers"));
    }
}
