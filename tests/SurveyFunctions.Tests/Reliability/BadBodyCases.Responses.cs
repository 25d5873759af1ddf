using System.Text;
using System.Text.Json.Nodes;
using static SurveyFunctions.Tests.Reliability.Expected;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The Responses family's bodies (<c>{"survey_response": {…}}</c>): broken JSON, wrong media types and sizes, and for every
/// field inside the envelope (and inside each answer and selection) every wrong JSON type, missing and junk values. Each is
/// a 400 naming the field in the envelope's title, and writes nothing: no session, no response row.
/// </summary>
public static partial class BadBodyCases
{
    private static BodyEndpoint ResponsesCreate => new("ResponsesCreate", HttpMethod.Post, "/api/v2/guide/survey_responses", Caller.Owner,
        """{"survey_response":{"survey_id":"{activeSurvey}","responder_id":7,"subject_zrns":["zen:ticket:1"],"locale":"en-us"}}""", []);

    private static BodyEndpoint ResponsesSubmit => new("ResponsesSubmit", HttpMethod.Post, "/api/v2/guide/survey_responses/{response}", Caller.Owner,
        """{"survey_response":{"answers":[{"question_id":"1","type":"skipped"}],"locale":"en-us"}}""", []);

    private static IEnumerable<BadRequest> ResponsesSpecial()
    {
        foreach (var e in new[] { ResponsesCreate, ResponsesSubmit })
        {
            (string Input, string Body, Expected Answer)[] syntax =
            [
                ("empty body", "", Malformed), ("truncated object", "{\"survey_response\":{", Malformed), ("trailing comma", "{\"a\":1,}", Malformed),
                ("NaN literal", "{\"a\":NaN}", Malformed), ("unpaired surrogate escape", "{\"a\":\"\\ud800\"}", Malformed),
                ("array root", "[1,2]", Invalid(null)), ("null root", "null", Invalid(null)),
                ("no envelope", "{}", Invalid("survey_response")), ("envelope null", "{\"survey_response\":null}", Invalid("survey_response")),
                ("envelope a string", "{\"survey_response\":\"x\"}", Invalid("survey_response")),
                ("envelope an array", "{\"survey_response\":[]}", Invalid("survey_response")),
                ("the fields outside the envelope", Unwrapped(e.ValidBody), Invalid(null)),
                ("unknown field beside the envelope", "{\"survey_response\":{},\"surveyresponse\":{}}", Invalid("surveyresponse")),
                ("unknown field inside", Inner(e.ValidBody, "survey_idd", JsonValue.Create("x")), Invalid("survey_idd")),
            ];
            foreach (var (input, body, answer) in syntax)
                yield return e.Request(input, body, answer);
            yield return e.Request("invalid UTF-8", null,
                Malformed) with { RawBody = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'] };
            yield return e.Request("UTF-16 body", null, Malformed) with { RawBody = Encoding.Unicode.GetBytes(e.ValidBody),
                ContentType = "application/json; charset=utf-16" };
            foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded" })
                yield return e.Request($"content type {type}", e.ValidBody, NotJson) with { ContentType = type };
            yield return e.Request("no content type", e.ValidBody, NotJson) with { ContentType = null };
            yield return e.Request("70 KiB body", Inner(e.ValidBody, "locale", JsonValue.Create(new string('x', BodyLimit + 1024))), TooLarge);
            yield return e.Request("70 KiB body, chunked", Inner(e.ValidBody, "locale", JsonValue.Create(new string('x', BodyLimit + 1024))),
                TooLarge) with { Chunked = true };
            foreach (var (input, json) in new[] { ("a number", "5"), ("empty", "\"\""), ("junk", "\"en us\""),
                ("an OData expression", "\"' or PartitionKey ne '\""), ("36 characters", "\"" + new string('l', 36) + "\""),
                    ("NUL", "\"en\\u0000\"") })
                yield return e.Request($"locale: {input}", Inner(e.ValidBody, "locale", JsonNode.Parse(json)), Invalid("locale"));
        }

        var create = ResponsesCreate;
        (string Field, string Input, string Json)[] createFields =
        [
            ("survey_id", "missing", ""), ("survey_id", "null", "null"), ("survey_id", "a number", "5"), ("survey_id", "empty", "\"\""),
            ("survey_id", "65 characters", "\"" + new string('s', 65) + "\""), ("survey_id", "NUL", "\"a\\u0000\""), ("survey_id", "an object", "{}"),
            ("responder_id", "missing", ""), ("responder_id", "a string", "\"7\""), ("responder_id", "a fraction", "1.5"),
                ("responder_id", "zero", "0"),
            ("responder_id", "negative", "-1"), ("responder_id", "above 2^53", "9007199254740992"), ("responder_id", "1e30", "1e30"),
                ("responder_id", "a boolean", "true"),
            ("subject_zrns", "a string", "\"zen:ticket:1\""), ("subject_zrns", "an object", "{}"), ("subject_zrns", "a number inside", "[1]"),
            ("subject_zrns", "not a zrn", "[\"ticket:1\"]"), ("subject_zrns", "no id", "[\"zen:ticket:\"]"),
                ("subject_zrns", "an OData expression", "[\"zen:ticket:' or PartitionKey ne '\"]"),
            ("subject_zrns", "201 characters", "[\"zen:ticket:" + new string('9', 190) + "\"]"),
            ("subject_zrns", "21 subjects", "[" + string.Join(",", Enumerable.Range(1, 21).Select(i => $"\"zen:ticket:{i}\"")) + "]"),
        ];
        foreach (var (field, input, json) in createFields)
            yield return create.Request($"{field}: {input}",
                json.Length == 0 ? InnerWithout(create.ValidBody, field) : Inner(create.ValidBody, field, JsonNode.Parse(json)), Invalid(field));

        var submit = ResponsesSubmit;
        string Items(string items) => Inner(submit.ValidBody, "answers", JsonNode.Parse(items));
        (string Input, string Body, string Field)[] submitCases =
        [
            ("answers missing", InnerWithout(submit.ValidBody, "answers"), "answers"),
                ("answers null", Inner(submit.ValidBody, "answers", null), "answers"),
            ("answers a string", Items("\"x\""), "answers"), ("answers an object", Items("{}"), "answers"),
            ("201 answers", Items("[" + string.Join(",",
                Enumerable.Range(1, 201).Select(i => $"{{\"question_id\":\"{i}\",\"type\":\"skipped\"}}")) + "]"), "answers"),
            ("an answer a number", Items("[1]"), "answers[0]"), ("an answer null", Items("[null]"), "answers[0]"),
            ("type missing", Items("[{\"question_id\":\"1\"}]"), "answers[0].type"),
                ("type junk", Items("[{\"question_id\":\"1\",\"type\":\"rating\"}]"), "answers[0].type"),
            ("type a number", Items("[{\"question_id\":\"1\",\"type\":1}]"), "answers[0].type"),
            ("question_id missing", Items("[{\"type\":\"skipped\"}]"), "answers[0].question_id"),
            ("question_id a number", Items("[{\"question_id\":1,\"type\":\"skipped\"}]"), "answers[0].question_id"),
            ("question_id not an id", Items("[{\"question_id\":\"01J1WBE8QR0YQVE373K2JDJR0F\",\"type\":\"skipped\"}]"), "answers[0].question_id"),
            ("question_id an OData expression", Items("[{\"question_id\":\"' or PartitionKey ne '\",\"type\":\"skipped\"}]"),
                "answers[0].question_id"),
            ("question_id zero", Items("[{\"question_id\":\"0\",\"type\":\"skipped\"}]"), "answers[0].question_id"),
            ("rating missing", Items("[{\"question_id\":\"1\",\"type\":\"rating_scale\"}]"), "answers[0].rating"),
            ("rating a string", Items("[{\"question_id\":\"1\",\"type\":\"rating_scale\",\"rating\":\"5\"}]"), "answers[0].rating"),
            ("rating a fraction", Items("[{\"question_id\":\"1\",\"type\":\"rating_scale\",\"rating\":4.5}]"), "answers[0].rating"),
            ("value missing", Items("[{\"question_id\":\"1\",\"type\":\"open_ended\"}]"), "answers[0].value"),
            ("value a number", Items("[{\"question_id\":\"1\",\"type\":\"open_ended\",\"value\":5}]"), "answers[0].value"),
            ("value with NUL", Items("[{\"question_id\":\"1\",\"type\":\"open_ended\",\"value\":\"a\\u0000\"}]"), "answers[0].value"),
            ("value over 5000 characters", Items("[{\"question_id\":\"1\",\"type\":\"open_ended\",\"value\":\"" + new string('v', 5001) + "\"}]"),
                "answers[0].value"),
            ("a field of another type", Items("[{\"question_id\":\"1\",\"type\":\"open_ended\",\"value\":\"x\",\"rating\":5}]"), "answers[0].rating"),
            ("skipped with a value", Items("[{\"question_id\":\"1\",\"type\":\"skipped\",\"value\":\"x\"}]"), "answers[0].value"),
            ("selections missing", Items("[{\"question_id\":\"1\",\"type\":\"closed_ended\"}]"), "answers[0].selections"),
            ("selections an object", Items("[{\"question_id\":\"1\",\"type\":\"closed_ended\",\"selections\":{}}]"), "answers[0].selections"),
            ("a selection a string", Items("[{\"question_id\":\"1\",\"type\":\"closed_ended\",\"selections\":[\"1\"]}]"), "answers[0].selections[0]"),
            ("a selection without type", Items("[{\"question_id\":\"1\",\"type\":\"closed_ended\",\"selections\":[{\"value\":\"1\"}]}]"),
                "answers[0].selections[0].type"),
            ("a selection of another type", Items("[{\"question_id\":\"1\",\"type\":\"closed_ended\",\"selections\":[{\"type\":\"custom\",\"value\":\"1\"}]}]"), "answers[0].selections[0].type"),
            ("a selection without an option", Items("[{\"question_id\":\"1\",\"type\":\"closed_ended\",\"selections\":[{\"type\":\"pre_defined\"}]}]"), "answers[0].selections[0]"),
            ("a selection with value and option_id", Items("[{\"question_id\":\"1\",\"type\":\"closed_ended\",\"selections\":[{\"type\":\"pre_defined\",\"value\":\"1\",\"option_id\":\"1\"}]}]"), "answers[0].selections[0]"),
            ("a selection's value a number", Items("[{\"question_id\":\"1\",\"type\":\"closed_ended\",\"selections\":[{\"type\":\"pre_defined\",\"value\":1}]}]"), "answers[0].selections[0].value"),
            ("a selection's value junk", Items("[{\"question_id\":\"1\",\"type\":\"closed_ended\",\"selections\":[{\"type\":\"pre_defined\",\"value\":\"x'y\"}]}]"), "answers[0].selections[0].value"),
            ("the second answer bad", Items("[{\"question_id\":\"1\",\"type\":\"skipped\"},{\"question_id\":\"x\",\"type\":\"skipped\"}]"),
                "answers[1].question_id"),
        ];
        foreach (var (input, body, field) in submitCases)
            yield return submit.Request(input, body, Invalid(field));
    }

    /// <summary>The body with <paramref name="field"/> inside the <c>survey_response</c> envelope set to <paramref name="value"/>.</summary>
    private static string Inner(string json, string field, JsonNode? value)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body["survey_response"]![field] = value;
        return body.ToJsonString();
    }

    private static string InnerWithout(string json, string field)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body["survey_response"]!.AsObject().Remove(field);
        return body.ToJsonString();
    }

    /// <summary>What a client forgetting the envelope sends: the inner fields at the top level.</summary>
    private static string Unwrapped(string json) => JsonNode.Parse(json)!["survey_response"]!.ToJsonString();
}
