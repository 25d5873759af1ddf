using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Surveys.SurveyManagementTests;

namespace SurveyFunctions.Tests.Surveys;

/// <summary>PATCH: fields replace, settings merge, pages replace whole while questions and options keep their ids.</summary>
public sealed class SurveyEditingTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_patch_changes_only_the_fields_it_gives()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateSurveyAsync(key);
        host.Clock.Advance(TimeSpan.FromSeconds(5));

        var patched = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", new { name = "Renamed" }, key);
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        AssertSurveyShape(patched.Json);
        Assert.Equal("Renamed", patched.Json["name"]!.GetValue<string>());
        foreach (var field in new[] { "id", "uuid", "status", "json", "description", "settings", "questions", "created_at" })
            Assert.True(JsonNode.DeepEquals(survey[field], patched.Json[field]), $"{field} changed");
        Assert.True(DateTimeOffset.Parse(patched.Json["updated_at"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.Parse(survey["updated_at"]!.GetValue<string>(),
                System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(patched.Json.ToJsonString(), (await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}", key)).Json.ToJsonString());

        var cleared = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", JsonNode.Parse("""{"description":null}""")!, key);
        Assert.Equal(HttpStatusCode.OK, cleared.Status);
        Assert.Null(cleared.Json["description"]);
    }

    [Fact]
    public async Task Settings_merge_field_by_field_and_a_new_criterion_needs_its_own_value()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var uuid = (await host.Http.CreateSurveyAsync(key)).Uuid();
        var path = $"/api/surveys/{uuid}";

        var first = await host.Http.PatchReplyAsync(path, JsonNode.Parse("""{"settings":{"reward_name":"Gift","is_anonymous":true}}""")!, key);
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var second = await host.Http.PatchReplyAsync(path,
            JsonNode.Parse("""{"settings":{"redirect_type":"url","redirect_url":"https://example.com/done"}}""")!, key);
        Assert.Equal("Gift", second.Json["settings"]!["reward_name"]!.GetValue<string>());
        Assert.True(second.Json["settings"]!["is_anonymous"]!.GetValue<bool>());
        Assert.Equal("url", second.Json["settings"]!["redirect_type"]!.GetValue<string>());

        var missing = await host.Http.PatchReplyAsync(path, JsonNode.Parse("""{"settings":{"stop_criteria":"responses"}}""")!, key);
        Assert.Equal((HttpStatusCode.BadRequest, "validation_error", "settings.stop_value"),
            (missing.Status, missing.ErrorCode, missing.Json["error"]!["field"]!.GetValue<string>()));
        var capped = await host.Http.PatchReplyAsync(path, JsonNode.Parse("""{"settings":{"stop_criteria":"responses","stop_value":10}}""")!, key);
        Assert.Equal(10, capped.Json["settings"]!["stop_value"]!.GetValue<long>());
        // Back to forever: the old stop_value goes with the old criterion.
        var forever = await host.Http.PatchReplyAsync(path, JsonNode.Parse("""{"settings":{"stop_criteria":"forever"}}""")!, key);
        Assert.Equal(HttpStatusCode.OK, forever.Status);
        Assert.Null(forever.Json["settings"]!["stop_value"]);
        // Clearing redirect_url while redirect_type is still url is refused: the merged settings are checked as a whole.
        var orphan = await host.Http.PatchReplyAsync(path, JsonNode.Parse("""{"settings":{"redirect_url":null}}""")!, key);
        Assert.Equal("settings.redirect_url", orphan.Json["error"]!["field"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"titel":"x"}""", "titel")]
    [InlineData("""{"settings":{"stop_criterea":"date"}}""", "settings.stop_criterea")]
    [InlineData("""{"pages":[{"questions":[{"type":"text","question":"Q","bogus":1}]}]}""", "pages[0].questions[0].bogus")]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"pages":null}""", "pages")]
    [InlineData("""{"settings":null}""", "settings")]
    [InlineData("""{"languages":null}""", "languages")]
    [InlineData("""{"settings":"forever"}""", "settings")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"languages":["en","EN"]}""", "languages[1]")]
    [InlineData("""{"pages":[{"questions":[{"type":"single_choice","question":"Q","options":[{"label":"A"}]}]}]}""", "pages[0].questions[0].options")]
    public async Task A_bad_patch_names_the_field_and_changes_nothing(string body, string field)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateSurveyAsync(key);
        var reply = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", JsonNode.Parse(body)!, key);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("validation_error", reply.ErrorCode);
        Assert.Equal(field, reply.Json["error"]!["field"]!.GetValue<string>());
        Assert.Equal(survey.ToJsonString(), (await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}", key)).Json.ToJsonString());
    }

    [Fact]
    public async Task Replacing_pages_keeps_the_ids_of_questions_and_options_that_did_not_change()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateSurveyAsync(key);
        var before = Ids(survey);

        var edit = JsonNode.Parse("""
        {"pages": [
          {"questions": [
            {"identifier": "qSatisfaction", "type": "rating", "question": "How happy are you?", "scale": {"min": 0, "max": 10}},
            {"identifier": "qUsesProduct", "type": "single_choice", "question": "Do you use it?", "options": [
              {"label": "No", "disqualify": true}, {"id": "yes", "label": "Yes, daily"}, {"label": "Sometimes"}]}
          ]},
          {"questions": [{"identifier": "qComment", "type": "text", "question": "Anything else?"}]}
        ]}
        """)!;
        var reply = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", edit, key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var after = Ids(reply.Json);

        // Same identifier and type: same id, whatever the text, position or page.
        Assert.Equal(before.Questions["qSatisfaction"], after.Questions["qSatisfaction"]);
        Assert.Equal(before.Questions["qUsesProduct"], after.Questions["qUsesProduct"]);
        // Options: "yes" by its client id (label changed), "No" by its label (client id dropped), "Sometimes" is new.
        Assert.Equal(before.Options["Yes"], after.Options["Yes, daily"]);
        Assert.Equal(before.Options["No"], after.Options["No"]);
        Assert.DoesNotContain(after.Options["Sometimes"], before.Options.Values);
        Assert.DoesNotContain(after.Questions["qComment"], before.Questions.Values);

        // A type change makes a new question for the answers already given; its identifier stays.
        var retyped = JsonNode.Parse("""{"pages":[{"questions":[{"identifier":"qSatisfaction","type":"nps","question":"Recommend us?"}]}]}""")!;
        var third = Ids((await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", retyped, key)).Json);
        Assert.NotEqual(after.Questions["qSatisfaction"], third.Questions["qSatisfaction"]);
        Assert.Single(third.Questions);
    }

    [Fact]
    public async Task The_json_a_survey_comes_back_with_can_be_sent_back_unchanged()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var body = SurveyApi.SmallSurvey();
        body["languages"] = new JsonArray("en", "es");
        body["pages"]![0]!["questions"]![0]!["question"] = new JsonObject { ["en"] = "Do you use it?", ["es"] = "¿Lo usas?" };
        body["pages"]![0]!["questions"]![1]!["scale"]!["labels"]!["1"] = new JsonObject { ["es"] = "Malo", ["en"] = "Poor" };
        var survey = await host.Http.CreateSurveyAsync(key, body);

        // Adding a language needs a text in it wherever texts are per language.
        var french = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", JsonNode.Parse("""{"languages":["en","es","fr"]}""")!, key);
        Assert.Equal("pages[0].questions[0].question", french.Json["error"]!["field"]!.GetValue<string>());
        Assert.Contains("'fr'", french.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        // A question without its identifier is still recognised by our id, and keeps both.
        var json = survey["json"]!.DeepClone().AsObject();
        json["pages"]![0]!["questions"]![1]!.AsObject().Remove("identifier");
        var reply = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", json, key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.True(JsonNode.DeepEquals(survey["json"], reply.Json["json"]),
            $"{survey["json"]!.ToJsonString()}\n{reply.Json["json"]!.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(survey["questions"], reply.Json["questions"]));
    }

    [Fact]
    public async Task Concurrent_edits_and_transitions_are_all_applied()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var uuid = (await host.Http.CreateSurveyAsync(key)).Uuid();
        var path = $"/api/surveys/{uuid}";
        var edits = new List<Task<Api.Reply>>
        {
            host.Http.PatchReplyAsync(path, new { name = "Concurrent name" }, key),
            host.Http.PatchReplyAsync(path, new { description = "Concurrent description" }, key),
            host.Http.PostReplyAsync(path + "/start", null, key),
        };
        string[] settings = ["reward_name", "complete_html"];
        edits.AddRange(settings.Select(s => host.Http.PatchReplyAsync(path, JsonNode.Parse($"{{\"settings\":{{\"{s}\":\"set {s}\"}}}}")!, key)));
        edits.Add(host.Http.PatchReplyAsync(path, JsonNode.Parse("""{"settings":{"is_anonymous":true}}""")!, key));
        edits.Add(host.Http.PatchReplyAsync(path, JsonNode.Parse("""{"settings":{"allow_multiple_responses":true}}""")!, key));
        edits.Add(host.Http.PatchReplyAsync(path, JsonNode.Parse("""{"settings":{"user_hash_method":"ip"}}""")!, key));
        var replies = await Task.WhenAll(edits);
        Assert.All(replies, r => Assert.True(r.Status == HttpStatusCode.OK, $"{(int)r.Status} {r.Body?.ToJsonString()}"));

        var final = (await host.Http.GetReplyAsync(path, key)).Json;
        Assert.Equal("Concurrent name", final["name"]!.GetValue<string>());
        Assert.Equal("Concurrent description", final["description"]!.GetValue<string>());
        Assert.Equal("active", final["status"]!.GetValue<string>());
        Assert.All(settings, s => Assert.Equal($"set {s}", final["settings"]![s]!.GetValue<string>()));
        Assert.True(final["settings"]!["is_anonymous"]!.GetValue<bool>());
        Assert.True(final["settings"]!["allow_multiple_responses"]!.GetValue<bool>());
        Assert.Equal("ip", final["settings"]!["user_hash_method"]!.GetValue<string>());
    }

    [Fact]
    public async Task Updates_from_several_instances_lose_nothing()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var uuid = (await host.Http.CreateSurveyAsync(key)).Uuid();
        // Two stores are two app instances: each serialises its own writers, and only If-Match keeps them from overwriting each other.
        var tables = host.Get<SurveyTables>();
        var outbox = host.Get<EventOutbox>();
        var instances = new[] { new SurveyStore(tables, new SurveyVersions(tables), outbox), new SurveyStore(tables, new SurveyVersions(tables), outbox) };
        var writes = Enumerable.Range(0, 16).Select(i => instances[i % 2].UpdateAsync(tenant, uuid,
            s => Task.FromResult<Outcome<Survey>>(s with { Description = s.Description + "|" + i }), default));
        var results = await Task.WhenAll(writes);
        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));

        var description = (await host.Http.GetReplyAsync($"/api/surveys/{uuid}", key)).Json["description"]!.GetValue<string>();
        var marks = description.Split('|').Skip(1).Select(int.Parse).Order();
        Assert.Equal(Enumerable.Range(0, 16), marks);
    }

    private static (Dictionary<string, long> Questions, Dictionary<string, long> Options) Ids(JsonNode survey)
    {
        var questions = survey["questions"]!.AsArray();
        return (
            questions.ToDictionary(q => q!["identifier"]!.GetValue<string>(), q => q!["id"]!.GetValue<long>()),
            questions.SelectMany(q => q!["json"]!["options"]!.AsArray()).ToDictionary(o => o!["label"]!.GetValue<string>(),
                o => o!["id"]!.GetValue<long>()));
    }
}
