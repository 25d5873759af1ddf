using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Surveys;

/// <summary>Survey management over real HTTP against the standalone host and Azurite: create, read, list, edit, delete.</summary>
public sealed partial class SurveyManagementTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    /// <summary>The Polling.com Account Level API's survey fields, exactly.</summary>
    internal static readonly string[] SurveyFields = ["id", "uuid", "name", "status", "json", "description", "settings", "questions", "created_at",
        "updated_at"];

    /// <summary>The Polling.com Account Level API's settings, plus allow_multiple_responses.</summary>
    internal static readonly string[] SettingsFields =
    [
        "stop_criteria", "stop_value", "reward_amount", "reward_name", "complete_json", "complete_html", "start_trigger", "start_at",
        "is_anonymous", "redirect_url", "redirect_type", "user_hash_method", "redirect_url_disqualified", "allow_multiple_responses",
    ];

    [GeneratedRegex("^q[A-Za-z0-9]{9}$")]
    private static partial Regex GeneratedIdentifier();

    private static readonly System.Text.Json.JsonSerializerOptions Unescaped = new()
        { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    internal static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString(Unescaped)}");

    internal static void AssertSurveyShape(JsonNode survey)
    {
        Assert.Equal(SurveyFields.Order(), survey.AsObject().Select(p => p.Key).Order());
        Assert.Equal(SettingsFields.Order(), survey["settings"]!.AsObject().Select(p => p.Key).Order());
        Assert.True(survey["id"]!.GetValue<long>() > 0);
        Assert.True(Guid.TryParse(survey.Uuid(), out _));
        Assert.EndsWith("Z", survey["created_at"]!.GetValue<string>(), StringComparison.Ordinal);
        foreach (var question in survey["questions"]!.AsArray())
        {
            Assert.Equal(new[] { "id", "identifier", "type", "question", "json" }.Order(), question!.AsObject().Select(p => p.Key).Order());
            Assert.Equal(question["id"]!.GetValue<long>(), question["json"]!["id"]!.GetValue<long>());
        }
    }

    [Fact]
    public async Task A_minimal_survey_is_a_draft_in_the_account_shape_with_default_settings()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var created = await host.Http.PostReplyAsync("/api/surveys", new { name = "Just a name" }, key);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var survey = created.Json;
        AssertSurveyShape(survey);
        Assert.Equal("draft", survey["status"]!.GetValue<string>());
        Assert.Null(survey["description"]);
        Assert.Equal("""{"languages":["en"],"pages":[],"hidden_fields":[]}""", survey["json"]!.ToJsonString());
        Assert.Empty(survey["questions"]!.AsArray());
        Assert.Equal(
            """{"stop_criteria":"forever","stop_value":null,"reward_amount":null,"reward_name":null,"complete_json":null,"complete_html":null,"start_trigger":"now","start_at":null,"is_anonymous":false,"redirect_url":null,"redirect_type":"none","user_hash_method":"cookie","redirect_url_disqualified":null,"allow_multiple_responses":false}""",
            survey["settings"]!.ToJsonString());

        var read = await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}", key);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(survey.ToJsonString(), read.Json.ToJsonString());
        // A uuid sent in uppercase names the same survey.
        var upper = await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid().ToUpperInvariant()}", key);
        Assert.Equal(survey.ToJsonString(), upper.Json.ToJsonString());
    }

    [Fact]
    public async Task A_full_multi_language_survey_keeps_every_field_and_gets_ids_and_identifiers()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var body = JsonNode.Parse("""
        {
          "name": "Encuesta / Survey 🌍", "description": "Two languages",
          "languages": ["en", "es"],
          "settings": {
            "stop_criteria": "responses", "stop_value": 250, "reward_amount": 2.5, "reward_name": "Coffee",
            "complete_json": {"thanks": [1, 2, {"x": null}]}, "complete_html": "<p>Thank you!</p>",
            "start_trigger": "date", "start_at": "2030-01-01T09:00:00Z", "is_anonymous": true,
            "redirect_url": "https://example.com/thanks", "redirect_type": "url", "user_hash_method": "ip",
            "redirect_url_disqualified": "https://example.com/disqualified", "allow_multiple_responses": true
          },
          "pages": [
            {"questions": [
              {"identifier": "qIknp2l5Kh", "type": "rating", "question": {"en": "How satisfied?", "es": "¿Qué tan satisfecho?"}, "required": true,
               "scale": {"min": 1, "max": 5, "labels": {"1": {"en": "Poor", "es": "Malo"}, "5": "👍"}}},
              {"type": "single_choice", "question": "Plan?", "options": [{"id": "free", "label": "Free"}, {"label": {"en": "Paid", "es": "Pago"}, "disqualify": true}]}
            ]},
            {"questions": [
              {"type": "multiple_choice", "question": "Which?", "options": [{"label": "A"}, {"label": "B"}, {"label": "C"}]},
              {"type": "dropdown", "question": "Country", "options": [{"label": "US"}, {"label": "ES"}]},
              {"type": "nps", "question": "Recommend us?", "scale": {"labels": {"0": "Never", "10": "Always"}}},
              {"type": "text", "question": "Anything else?", "options": [], "scale": null}
            ]}
          ]
        }
        """)!.AsObject();
        var created = await host.Http.PostReplyAsync("/api/surveys", body, key);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var survey = created.Json;
        AssertSurveyShape(survey);

        var settings = survey["settings"]!;
        Assert.Equal("responses", settings["stop_criteria"]!.GetValue<string>());
        Assert.Equal(250, settings["stop_value"]!.GetValue<long>());
        Assert.Equal(2.5m, settings["reward_amount"]!.GetValue<decimal>());
        Assert.Equal("""{"thanks":[1,2,{"x":null}]}""", settings["complete_json"]!.ToJsonString());
        Assert.Equal("2030-01-01T09:00:00Z", settings["start_at"]!.GetValue<string>());
        Assert.Equal("ip", settings["user_hash_method"]!.GetValue<string>());
        Assert.True(settings["allow_multiple_responses"]!.GetValue<bool>());

        var json = survey["json"]!;
        Assert.Equal("""["en","es"]""", json["languages"]!.ToJsonString());
        Assert.Equal(2, json["pages"]!.AsArray().Count);
        var questions = survey["questions"]!.AsArray();
        Assert.Equal(6, questions.Count);
        Assert.Equal(["rating", "single_choice", "multiple_choice", "dropdown", "nps", "text"],
            questions.Select(q => q!["type"]!.GetValue<string>()));
        Assert.Equal("qIknp2l5Kh", questions[0]!["identifier"]!.GetValue<string>());
        Assert.All(questions.Skip(1), q => Assert.Matches(GeneratedIdentifier(), q!["identifier"]!.GetValue<string>()));
        Assert.Equal(6, questions.Select(q => q!["identifier"]!.GetValue<string>()).Distinct().Count());
        // The summary's title is the default language's; the raw JSON keeps every language.
        Assert.Equal("How satisfied?", questions[0]!["question"]!.GetValue<string>());
        Assert.Equal("¿Qué tan satisfecho?", questions[0]!["json"]!["question"]!["es"]!.GetValue<string>());
        AssertJson("""{"min":1,"max":5,"labels":{"1":{"en":"Poor","es":"Malo"},"5":"👍"}}""", questions[0]!["json"]!["scale"]);
        AssertJson("""{"min":0,"max":10,"labels":{"0":"Never","10":"Always"}}""", questions[4]!["json"]!["scale"]);

        var options = questions[1]!["json"]!["options"]!.AsArray();
        Assert.Equal("free", options[0]!["client_id"]!.GetValue<string>());
        Assert.Null(options[1]!["client_id"]);
        Assert.True(options[1]!["disqualify"]!.GetValue<bool>());
        AssertJson("""{"en":"Paid","es":"Pago"}""", options[1]!["label"]);

        // Integer ids: real, distinct, and the same on every read.
        var questionIds = questions.Select(q => q!["id"]!.GetValue<long>()).ToArray();
        var optionIds = questions.SelectMany(q => q!["json"]!["options"]!.AsArray()).Select(o => o!["id"]!.GetValue<long>()).ToArray();
        Assert.Equal(questionIds.Length, questionIds.Distinct().Count());
        Assert.Equal(7, optionIds.Distinct().Count());
        var read = await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}", key);
        Assert.Equal(survey.ToJsonString(), read.Json.ToJsonString());
        Assert.Equal("Encuesta / Survey 🌍", read.Json["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_store_finds_a_survey_by_its_integer_id_or_uuid_only_for_its_tenant()
    {
        var (tenantA, keyA, _) = await host.Http.CreateTenantAsync();
        var (tenantB, _, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateSurveyAsync(keyA);
        var store = host.Get<SurveyStore>();
        var id = survey["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(survey.Uuid(), (await store.FindAsync(tenantA, id, default))!.Uuid);
        Assert.Equal(survey.Uuid(), (await store.FindAsync(tenantA, survey.Uuid(), default))!.Uuid);
        Assert.Null(await store.FindAsync(tenantB, id, default));
        Assert.Null(await store.FindAsync(tenantB, survey.Uuid(), default));
        Assert.Null(await store.FindAsync(tenantA, "999999999", default));
    }

    [Fact]
    public async Task A_definition_larger_than_one_table_property_is_split_and_read_back_whole()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        // 4 pages × 50 questions with long multi-language texts: ~60 KB of body, well over one 32K-character property.
        var pages = new JsonArray();
        for (var p = 0; p < 4; p++)
        {
            var questions = new JsonArray();
            for (var q = 0; q < 50; q++)
            {
                questions.Add(new JsonObject
                {
                    ["type"] = "single_choice",
                    ["question"] = new JsonObject { ["en"] = $"Q{p}.{q} " + new string('e', 50) + "🙂", ["de"] = $"F{p}.{q} " + new string('ü', 40) },
                    ["options"] = new JsonArray(new JsonObject { ["label"] = "Ja 👍" }, new JsonObject { ["label"] = "Nein" }),
                });
            }
            pages.Add(new JsonObject { ["questions"] = questions });
        }
        var body = new JsonObject { ["name"] = "Large", ["languages"] = new JsonArray("en", "de"), ["pages"] = pages }.ToJsonString(Unescaped);
        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(body), 40_000, 64 * 1024);

        var created = await host.Http.PostReplyAsync("/api/surveys", body, key);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var survey = created.Json;
        Assert.Equal(200, survey["questions"]!.AsArray().Count);
        var read = await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}", key);
        Assert.Equal(survey.ToJsonString(), read.Json.ToJsonString());
        Assert.Equal("Q3.49 " + new string('e', 50) + "🙂", read.Json["questions"]![199]!["question"]!.GetValue<string>());

        var row = await host.Get<SurveyTables>().Surveys.GetEntityAsync<Azure.Data.Tables.TableEntity>($"{tenant}|{survey.Uuid()}", "");
        Assert.True(row.Value.GetInt32("DefinitionParts") >= 2, "the definition should span several properties");
    }

    [Fact]
    public async Task List_is_paged_newest_first_like_polls()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var uuids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            uuids.Add((await host.Http.CreateSurveyAsync(key, SurveyApi.SmallSurvey($"Survey {i}"))).Uuid());
            host.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var first = await host.Http.GetReplyAsync("/api/surveys?page=1&limit=2", key);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("""{"page":1,"limit":2,"total":5,"totalPages":3}""", first.Json["pagination"]!.ToJsonString());
        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var reply = await host.Http.GetReplyAsync($"/api/surveys?page={page}&limit=2", key);
            foreach (var item in reply.Json["surveys"]!.AsArray())
            {
                AssertSurveyShape(item!);
                seen.Add(item!.Uuid());
            }
        }
        Assert.Equal(Enumerable.Reverse(uuids), seen);
        Assert.Empty((await host.Http.GetReplyAsync("/api/surveys?page=4&limit=2", key)).Json["surveys"]!.AsArray());
        var defaults = await host.Http.GetReplyAsync("/api/surveys", key);
        Assert.Equal("""{"page":1,"limit":50,"total":5,"totalPages":1}""", defaults.Json["pagination"]!.ToJsonString());

        foreach (var bad in new[] { "page=0", "limit=101", "limit=abc", "page=1&page=2" })
        {
            var reply = await host.Http.GetReplyAsync($"/api/surveys?{bad}", key);
            Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
            Assert.Equal("validation_error", reply.ErrorCode);
        }
    }

    [Fact]
    public async Task Delete_removes_the_survey_from_reads_and_lists()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var keep = await host.Http.CreateSurveyAsync(key);
        var gone = await host.Http.CreateSurveyAsync(key);
        var deleted = await host.Http.DeleteReplyAsync($"/api/surveys/{gone.Uuid()}", key);
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.True(deleted.Json["success"]!.GetValue<bool>());

        Assert.Equal("survey_not_found", (await host.Http.GetReplyAsync($"/api/surveys/{gone.Uuid()}", key)).ErrorCode);
        Assert.Equal("survey_not_found", (await host.Http.DeleteReplyAsync($"/api/surveys/{gone.Uuid()}", key)).ErrorCode);
        Assert.Equal("survey_not_found", (await host.Http.PostReplyAsync($"/api/surveys/{gone.Uuid()}/start", null, key)).ErrorCode);
        Assert.Null(await host.Get<SurveyStore>().FindAsync(tenant,
            gone["id"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture), default));
        var list = await host.Http.GetReplyAsync("/api/surveys", key);
        Assert.Equal([keep.Uuid()], list.Json["surveys"]!.AsArray().Select(s => s!.Uuid()));
        Assert.Equal(1, list.Json["pagination"]!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Another_tenants_survey_does_not_exist_for_any_operation()
    {
        var (_, keyA, _) = await host.Http.CreateTenantAsync();
        var (_, keyB, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateSurveyAsync(keyA);
        var path = $"/api/surveys/{survey.Uuid()}";
        Api.Reply[] replies =
        [
            await host.Http.GetReplyAsync(path, keyB),
            await host.Http.PatchReplyAsync(path, new { name = "hijacked" }, keyB),
            await host.Http.DeleteReplyAsync(path, keyB),
            await host.Http.PostReplyAsync(path + "/start", null, keyB),
            await host.Http.PostReplyAsync(path + "/pause", null, keyB),
            await host.Http.PostReplyAsync(path + "/close", null, keyB),
        ];
        Assert.All(replies, r => Assert.Equal((HttpStatusCode.NotFound, "survey_not_found"), (r.Status, r.ErrorCode)));
        Assert.Empty((await host.Http.GetReplyAsync("/api/surveys", keyB)).Json["surveys"]!.AsArray());
        var after = await host.Http.GetReplyAsync(path, keyA);
        Assert.Equal(survey.ToJsonString(), after.Json.ToJsonString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Http.GetReplyAsync(path)).Status);
        Assert.Equal("unauthorized", (await host.Http.GetReplyAsync("/api/surveys", "sfk_not_a_real_key_at_all_000")).ErrorCode);
    }
}
