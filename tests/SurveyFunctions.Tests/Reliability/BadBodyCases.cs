using System.Text;
using System.Text.Json.Nodes;
using static SurveyFunctions.Tests.Reliability.Expected;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// Bad bodies for every endpoint that reads one: broken JSON, wrong media types, oversized bodies, and for each field of each
/// body every wrong JSON type, a missing required value, overlong and control-character text.
/// </summary>
public static partial class BadBodyCases
{
    private const int BodyLimit = 64 * 1024;

    /// <summary>Each body endpoint with a body it accepts; field cases change one field of it.</summary>
    private static readonly BodyEndpoint[] Endpoints =
    [
        new("AdminCreateTenant", HttpMethod.Post, "/api/admin/tenants", Caller.Admin, """{"name":"Acme","plan":"free"}""",
            [TextField("name", 200, required: true), TextField("plan", 20, extra: ("unknown plan", "\"gold\""))]),
        new("PollsCreate", HttpMethod.Post, "/api/polls", Caller.Owner, """{"title":"t","options":[{"label":"a"},{"label":"b"}]}""",
            [
                TextField("title", 300, required: true), TextField("description", 2000), TextField("mode", 20, extra: ("not poll", "\"survey\"")),
                ListField("options", required: true), FlagField("allow_multiple"), FlagField("show_results_before_vote"),
                    FlagField("show_results_after_vote"),
                FlagField("anonymous"), DateField("starts_at"), DateField("ends_at"), NumberField("max_responses", 1, 100_000_000),
                    TextField("close_message", 1000),
            ]),
        new("PollsUpdate", HttpMethod.Patch, "/api/polls/{published}", Caller.Owner, """{"title":"t2"}""",
            [
                TextField("title", 300, extra: ("null", "null")), TextField("description", 2000), ListField("options"), FlagField("allow_multiple"),
                FlagField("show_results_before_vote"), FlagField("show_results_after_vote"), FlagField("anonymous"), FlagField("published"),
                    FlagField("closed"),
                DateField("starts_at"), DateField("ends_at"), NumberField("max_responses", 1, 100_000_000), TextField("close_message", 1000),
            ]),
        new("PollsVote", HttpMethod.Post, "/api/polls/{published}/vote", Caller.Public,
            """{"option_ids":["opt_1"],"_token":"{token}","fingerprint":"bad-input-voter"}""",
            [ListField("option_ids", required: true), TextField("fingerprint", 256, required: true), MapField("clientMetadata")]),
        new("SurveysCreate", HttpMethod.Post, "/api/surveys", Caller.Owner,
            """{"name":"s","pages":[{"questions":[{"type":"text","question":"q"}]}]}""",
            [TextField("name", 300, required: true), TextField("description", 5000), ListField("languages"), MapField("settings"),
                ListField("pages"), ListField("hidden_fields")]),
        new("SurveysUpdate", HttpMethod.Patch, "/api/surveys/{survey}", Caller.Owner, """{"name":"renamed"}""",
            [TextField("name", 300, extra: ("null", "null")), TextField("description", 5000), ListField("languages"), MapField("settings"),
                ListField("pages"), ListField("hidden_fields")]),
        new("ExportsCreate", HttpMethod.Post, "/api/surveys/{activeSurvey}/exports", Caller.Owner, """{"format":"csv"}""",
            [TextField("format", 16, extra: ("not a format", "\"xlsx\"")), FlagField("include_partial"), DateField("since"), FlagField("bom")]),
        TakeSubmitPage,
        PanelistSubmitPage,
        WebhooksCreate,
        WebhooksUpdate,
        WebhooksReplay,
    ];

    public static IEnumerable<BadRequest> All() =>
        Endpoints.SelectMany(e => Syntax(e).Concat(MediaTypesAndSizes(e)).Concat(e.Fields.SelectMany(f => f.Cases(e))))
            .Concat(Special()).Concat(SurveySpecial()).Concat(SurveyLogicSpecial()).Concat(TakeSpecial()).Concat(ResponsesSpecial())
            .Concat(PanelistSpecial()).Concat(WebhookSpecial());

    /// <summary>Bodies that are not a JSON object at all: the same for every endpoint.</summary>
    private static IEnumerable<BadRequest> Syntax(BodyEndpoint e)
    {
        (string Input, string Body, Expected Answer)[] cases =
        [
            ("empty body", "", Malformed), ("whitespace only", "  \n ", Malformed), ("truncated object", "{\"title\": \"x\", ", Malformed),
            ("truncated string", "{\"title\":\"ab", Malformed), ("truncated after colon", "{\"title\":", Malformed),
            ("unclosed array", "{\"options\":[{\"label\":\"a\"}", Malformed), ("trailing garbage", "{} extra", Malformed),
            ("trailing comma", "{\"a\":1,}", Malformed), ("single quotes", "{'a':'b'}", Malformed), ("comment", "{/* c */}", Malformed),
            ("NaN literal", "{\"a\":NaN}", Malformed), ("unquoted key", "{a:1}", Malformed), ("bad escape", "{\"a\":\"\\x\"}", Malformed),
            ("raw control char in string", "{\"a\":\"\u0001\"}", Malformed), ("unpaired surrogate escape", "{\"a\":\"\\ud800\"}", Malformed),
            ("unpaired surrogate in a key", "{\"\\udc00\":1}", Malformed),
            ("nested 100 deep", string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100), Malformed),
            ("array root", "[1,2]", Invalid(null)), ("string root", "\"x\"", Invalid(null)), ("null root", "null", Invalid(null)),
                ("number root", "42", Invalid(null)),
        ];
        foreach (var (input, body, answer) in cases)
            yield return e.Request(input, body, answer);
        yield return e.Request("invalid UTF-8", null,
            Malformed) with { RawBody = [(byte)'{', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)':', (byte)'1', (byte)'}'] };
        // The same in a field the endpoint reads, not only in one it ignores.
        var text = TextFieldOf(e);
        var marked = With(e.ValidBody, text, JsonValue.Create("SURROGATE"));
        yield return e.Request($"{text}: unpaired surrogate", marked.Replace("SURROGATE", "a\\udc00b", StringComparison.Ordinal), Malformed);
        var utf8 = Encoding.UTF8.GetBytes(With(e.ValidBody, text, JsonValue.Create("a@b")));
        utf8[Array.IndexOf(utf8, (byte)'@')] = 0xFF;
        yield return e.Request($"{text}: invalid UTF-8", null, Malformed) with { RawBody = utf8 };
        yield return e.Request("UTF-16 body", null, Malformed) with { RawBody = Encoding.Unicode.GetBytes(e.ValidBody),
            ContentType = "application/json; charset=utf-16" };
    }

    private static IEnumerable<BadRequest> MediaTypesAndSizes(BodyEndpoint e)
    {
        foreach (var type in new[] { "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml" })
            yield return e.Request($"content type {type}", e.ValidBody, NotJson) with { ContentType = type };
        yield return e.Request("no content type", e.ValidBody, NotJson) with { ContentType = null };
        yield return e.Request("no body and no content type", null, NotJson);

        var padded = JsonObject.Parse(e.ValidBody)!.AsObject();
        padded["padding"] = new string('x', BodyLimit + 1024);
        yield return e.Request("70 KiB body", padded.ToJsonString(), TooLarge);
        yield return e.Request("70 KiB body, chunked", padded.ToJsonString(), TooLarge) with { Chunked = true };
        yield return e.Request("1 MiB of spaces", new string(' ', 1024 * 1024) + e.ValidBody, TooLarge);
        var text = TextFieldOf(e);
        yield return e.Request($"{text}: 100k characters (over the body limit)", With(e.ValidBody, text, JsonValue.Create(new string('x', 100_000))),
            TooLarge);
    }

    /// <summary>Rules that span fields or look inside arrays, per endpoint.</summary>
    private static IEnumerable<BadRequest> Special()
    {
        var create = Endpoints[1];
        var update = Endpoints[2];
        var vote = Endpoints[3];
        string Options(string items) => With(create.ValidBody, "options", JsonNode.Parse(items));
        (string Input, string Items, string Field)[] options =
        [
            ("no options", "[]", "options"), ("one option", "[{\"label\":\"a\"}]", "options"),
            ("51 options", "[" + string.Join(",", Enumerable.Repeat("{\"label\":\"x\"}", 51)) + "]", "options"),
            ("numbers", "[1,2]", "options[0]"), ("nulls", "[null,null]", "options[0]"), ("strings", "[\"a\",\"b\"]", "options[0]"),
            ("missing labels", "[{},{}]", "options[0].label"), ("label a number", "[{\"label\":1},{\"label\":\"b\"}]", "options[0].label"),
            ("label empty", "[{\"label\":\"\"},{\"label\":\"b\"}]", "options[0].label"),
            ("label 10k characters", "[{\"label\":\"" + new string('l', 10_000) + "\"},{\"label\":\"b\"}]", "options[0].label"),
            ("label with NUL", "[{\"label\":\"a\\u0000\"},{\"label\":\"b\"}]", "options[0].label"),
            ("id a number", "[{\"id\":7,\"label\":\"a\"},{\"label\":\"b\"}]", "options[0].id"),
            ("id empty", "[{\"id\":\"\",\"label\":\"a\"},{\"label\":\"b\"}]", "options[0].id"),
            ("id with a quote", "[{\"id\":\"a'b\",\"label\":\"a\"},{\"label\":\"b\"}]", "options[0].id"),
            ("id an OData expression", "[{\"id\":\"' or PartitionKey ne '\",\"label\":\"a\"},{\"label\":\"b\"}]", "options[0].id"),
            ("id with a slash", "[{\"id\":\"a/b\",\"label\":\"a\"},{\"label\":\"b\"}]", "options[0].id"),
            ("id ..", "[{\"id\":\"..\",\"label\":\"a\"},{\"label\":\"b\"}]", "options[0].id"),
            ("id emoji", "[{\"id\":\"🗳\",\"label\":\"a\"},{\"label\":\"b\"}]", "options[0].id"),
            ("id 65 characters", "[{\"id\":\"" + new string('i', 65) + "\",\"label\":\"a\"},{\"label\":\"b\"}]", "options[0].id"),
            ("duplicate ids", "[{\"id\":\"x\",\"label\":\"a\"},{\"id\":\"x\",\"label\":\"b\"}]", "options"),
        ];
        foreach (var (input, items, field) in options)
        {
            yield return create.Request($"options: {input}", Options(items), Invalid(field));
            yield return update.Request($"options: {input}", With(update.ValidBody, "options", JsonNode.Parse(items)), Invalid(field));
        }

        var window = """{"title":"t","options":[{"label":"a"},{"label":"b"}],"starts_at":"2030-01-02T00:00:00Z","ends_at":"2030-01-01T00:00:00Z"}""";
        yield return create.Request("ends_at before starts_at", window, Invalid("ends_at"));
        yield return update.Request("ends_at before starts_at", """{"starts_at":"2030-01-02T00:00:00Z","ends_at":"2030-01-01T00:00:00Z"}""",
            Invalid("ends_at"));
        yield return update.Request("removing an option that has votes", """{"options":[{"id":"opt_2","label":"b"},{"id":"opt_3","label":"c"}]}""",
            Invalid("options"));
        yield return update.Request("anonymous changed after votes", """{"anonymous":true}""", Invalid("anonymous"));
        yield return update.Request("max_responses added after votes", """{"max_responses":10}""", Invalid("max_responses"));

        string Choice(string optionIds) => With(vote.ValidBody, "option_ids", JsonNode.Parse(optionIds));
        (string Input, string Ids)[] choices =
        [
            ("empty", "[]"), ("a number inside", "[1]"), ("a null inside", "[null]"), ("an object inside", "[{\"id\":\"opt_1\"}]"),
                ("unknown", "[\"nope\"]"),
            ("twice", "[\"opt_1\",\"opt_1\"]"), ("two on a single-choice poll", "[\"opt_1\",\"opt_2\"]"),
            ("10k characters", "[\"" + new string('o', 10_000) + "\"]"), ("an OData expression", "[\"' or PartitionKey ne '\"]"),
            ("with NUL", "[\"opt_1\\u0000\"]"),
        ];
        foreach (var (input, ids) in choices)
            yield return vote.Request($"option_ids: {input}", Choice(ids), Invalid("option_ids"));
        yield return vote.Request("clientMetadata: 3 KB", With(vote.ValidBody, "clientMetadata", new JsonObject { ["blob"] = new string('m', 3000) }),
            Invalid("clientMetadata"));

        var invalidToken = new Expected(System.Net.HttpStatusCode.Forbidden, "invalid_token");
        (string Input, JsonNode? Token)[] tokens =
        [
            ("missing", null), ("null", JsonValue.Create((string?)null)), ("a number", 42), ("an object", new JsonObject()), ("empty", ""),
            ("three dots", "a.b.c"), ("5000 characters", new string('t', 5000)), ("another poll's token", "{secondToken}"),
        ];
        foreach (var (input, token) in tokens)
        {
            var body = JsonNode.Parse(vote.ValidBody)!.AsObject();
            body.Remove("_token");
            if (input != "missing")
                body["_token"] = token;
            yield return vote.Request($"_token: {input}", body.ToJsonString(), invalidToken);
        }
    }

    /// <summary>Survey bodies: unknown fields at every level, nested values that are wrong, ids that try to break out of a key.</summary>
    private static IEnumerable<BadRequest> SurveySpecial()
    {
        var create = Endpoints.Single(e => e.Name == "SurveysCreate");
        var update = Endpoints.Single(e => e.Name == "SurveysUpdate");
        string Question(string question) => "{\"name\":\"s\",\"pages\":[{\"questions\":[" + question + "]}]}";
        (string Input, string Body, string Field)[] cases =
        [
            ("unknown field", """{"name":"s","titel":"x"}""", "titel"),
            ("unknown setting", """{"name":"s","settings":{"stop_criterea":"date"}}""", "settings.stop_criterea"),
            ("stop_criteria an OData expression", """{"name":"s","settings":{"stop_criteria":"' or PartitionKey ne '"}}""", "settings.stop_criteria"),
            ("stop_value a date for responses", """{"name":"s","settings":{"stop_criteria":"responses","stop_value":"2030-01-01T00:00:00Z"}}""",
                "settings.stop_value"),
            ("redirect_url javascript", """{"name":"s","settings":{"redirect_url":"javascript:alert(1)"}}""", "settings.redirect_url"),
            ("language junk", """{"name":"s","languages":["' or 1 eq 1"]}""", "languages[0]"),
            ("question type junk", Question("""{"type":"rating'","question":"q"}"""), "pages[0].questions[0].type"),
            ("question text with NUL", Question("""{"type":"text","question":"a\u0000"}"""), "pages[0].questions[0].question"),
            ("identifier an OData expression", Question("""{"identifier":"' or PartitionKey ne '","type":"text","question":"q"}"""),
                "pages[0].questions[0].identifier"),
            ("option id with a slash", Question("""{"type":"dropdown","question":"q","options":[{"id":"a/b","label":"a"},{"label":"b"}]}"""),
                "pages[0].questions[0].options[0].id"),
            ("option id 10k characters", Question("{\"type\":\"dropdown\",\"question\":\"q\",\"options\":[{\"id\":\"" + new string('i',
                10_000) + "\",\"label\":\"a\"},{\"label\":\"b\"}]}"), "pages[0].questions[0].options[0].id"),
            ("one option", Question("""{"type":"single_choice","question":"q","options":[{"label":"a"}]}"""), "pages[0].questions[0].options"),
            ("rating scale reversed", Question("""{"type":"rating","question":"q","scale":{"min":5,"max":1}}"""), "pages[0].questions[0].scale.max"),
            ("nps scale changed", Question("""{"type":"nps","question":"q","scale":{"min":1,"max":10}}"""), "pages[0].questions[0].scale.min"),
        ];
        foreach (var (input, body, field) in cases)
        {
            yield return create.Request(input, body, Invalid(field));
            yield return update.Request(input, body.Replace("\"name\":\"s\",", "", StringComparison.Ordinal), Invalid(field));
        }
    }

    /// <summary>A text field of the body; a body without one (a replay's dates) gets its first field, which also reads text.</summary>
    private static string TextFieldOf(BodyEndpoint e) =>
        (e.Fields.FirstOrDefault(f => f.Wrong.Any(w => w.Input == "10k characters")) ?? e.Fields[0]).Name;

    private static string With(string json, string field, JsonNode? value)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body[field] = value;
        return body.ToJsonString();
    }

    private static string Without(string json, string field)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body.Remove(field);
        return body.ToJsonString();
    }

    private static FieldSpec TextField(string name, int maxLength, bool required = false, (string Input, string Json)? extra = null)
    {
        List<(string, string)> wrong = [("a number", "42"), ("a boolean", "true"), ("an object", "{}"), ("an array", "[\"x\"]"),
            ($"{maxLength + 1} characters", Quote(new string('x', maxLength + 1))), ("10k characters", Quote(new string('x', 10_000))),
            ("60k characters (within the body limit)", Quote(new string('x', 60_000))),
            ("NUL", "\"a\\u0000b\""), ("control characters", "\"a\\u0007\\u001bb\""), ("C1 control", "\"a\\u0085b\"")];
        if (required)
            wrong.AddRange([("null", "null"), ("empty", "\"\""), ("blank", "\"   \"")]);
        if (extra is { } e)
            wrong.Add(e);
        return new FieldSpec(name, required, wrong);
    }

    private static FieldSpec FlagField(string name) =>
        new(name, false, [("a string", "\"true\""), ("a number", "1"), ("an object", "{}"), ("an array", "[]")]);

    private static FieldSpec NumberField(string name, long min, long max) =>
        new(name, false,
        [
            ("a string", "\"10\""), ("a fraction", "1.5"), ("1e30", "1e30"), ("a boolean", "true"), ("an object", "{}"), ("an array", "[5]"),
            ("below the minimum", (min - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("negative", "-5"),
            ("above the maximum", (max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), ("over Int64", "9223372036854775808"),
        ]);

    private static FieldSpec DateField(string name) =>
        new(name, false,
        [
            ("a word", "\"tomorrow\""), ("a number", "20250201"), ("a date without time", "\"2025-02-01\""), ("month 13", "\"2025-13-01T00:00:00Z\""),
            ("empty", "\"\""), ("an object", "{}"), ("a boolean", "true"), ("year 1", "\"0001-01-01T00:00:00Z\""),
        ]);

    private static FieldSpec ListField(string name, bool required = false)
    {
        List<(string, string)> wrong = [("a string", "\"a,b\""), ("an object", "{}"), ("a number", "42"), ("a boolean", "true")];
        if (required)
            wrong.Add(("null", "null"));
        return new FieldSpec(name, required, wrong);
    }

    private static FieldSpec MapField(string name) =>
        new(name, false, [("a string", "\"x\""), ("an array", "[]"), ("a number", "42"), ("a boolean", "true")]);

    private static string Quote(string text) => "\"" + text + "\"";

    private sealed record FieldSpec(string Name, bool Required, IReadOnlyList<(string Input, string Json)> Wrong)
    {
        public IEnumerable<BadRequest> Cases(BodyEndpoint e)
        {
            foreach (var (input, json) in Wrong)
                yield return e.Request($"{Name}: {input}", With(e.ValidBody, Name, JsonNode.Parse(json)), Invalid(Name));
            if (Required)
                yield return e.Request($"{Name}: missing", Without(e.ValidBody, Name), Invalid(Name));
        }
    }

    private sealed record BodyEndpoint(string Name, HttpMethod Method, string Path, Caller Caller, string ValidBody, IReadOnlyList<FieldSpec> Fields)
    {
        /// <summary>The <c>x-survey-token</c> every request of this endpoint carries (Take), so bad bodies meet a live session.</summary>
        public string? SurveyToken { get; init; }

        /// <summary>The <c>X-Panelist-Key</c> every request of this endpoint carries (the panelist's side).</summary>
        public string? PanelistKey { get; init; }

        public BadRequest Request(string input, string? body, Expected answer) =>
            new(Name, input, Method, Path, Caller, body, answer) { SurveyToken = SurveyToken, PanelistKey = PanelistKey };
    }
}
