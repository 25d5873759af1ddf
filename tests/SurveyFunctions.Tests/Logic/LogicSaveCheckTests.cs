using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Logic;

/// <summary>
/// Crafted survey bodies against the save-time logic check, over HTTP: each is refused with a 400 naming the offending path (on
/// create and on PATCH, which leaves the survey as it was), and bodies built to exhaust the server (a condition 10,000 levels
/// deep, one with 100,000 terms) are refused by the body reader, never with a 500.
/// </summary>
public sealed class LogicSaveCheckTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    /// <summary>A change to <see cref="LogicCraftedTakingTests.BranchySurvey"/> and the path its refusal must name.</summary>
    public static TheoryData<string, string, string> Breaks => new()
    {
        { "unknown question", """{"p":0,"branches":[{"if":{"question":"nosuch","op":"answered"},"then":{"end":true}}]}""",
            "pages[0].branches[0].if.question" },
        { "operator that does not fit", """{"p":0,"branches":[{"if":{"question":"rate","op":"contains","value":"5"},"then":{"end":true}}]}""",
            "pages[0].branches[0].if.op" },
        { "option of another question",
            """{"p":0,"branches":[{"if":{"question":"uses","op":"includes_any","values":["web"]},"then":{"end":true}}]}""",
            "pages[0].branches[0].if.values[0]" },
        { "redirect to javascript:", """{"p":0,"branches":[{"if":{"question":"uses","op":"answered"},"then":{"redirect":"javascript:alert(1)"}}]}""",
            "pages[0].branches[0].then.redirect" },
        { "go_to backwards", """{"p":1,"branches":[{"if":{"question":"more","op":"answered"},"then":{"go_to":"start"}}]}""",
            "pages[1].branches[0].then.go_to" },
        { "go_to its own page", """{"p":1,"branches":[{"if":{"question":"more","op":"answered"},"then":{"go_to":"middle"}}]}""",
            "pages[1].branches[0].then.go_to" },
        { "go_to an unknown page", """{"p":1,"branches":[{"if":{"question":"more","op":"answered"},"then":{"go_to":"nowhere"}}]}""",
            "pages[1].branches[0].then.go_to" },
        { "branch testing a later page", """{"p":0,"branches":[{"if":{"question":"nps","op":"answered"},"then":{"end":true}}]}""",
            "pages[0].branches[0].if.question" },
        { "undeclared hidden field", """{"p":0,"branches":[{"if":{"hidden":"campaign","op":"eq","value":"x"},"then":{"end":true}}]}""",
            "pages[0].branches[0].if.hidden" },
        { "condition that can never hold", """{"p":0,"branches":[{"if":{"question":"rate","op":"gt","value":5},"then":{"end":true}}]}""",
            "pages[0].branches[0].if" },
        { "unreachable page",
            """{"p":0,"branches":[{"if":{"not":{"question":"uses","op":"includes_all","values":["yes","no"]}},"then":{"go_to":"last"}}]}""",
            "pages[1]" },
    };

    [Theory]
    [MemberData(nameof(Breaks))]
    public async Task Invalid_logic_is_refused_on_create_and_on_patch_naming_its_path(string name, string change, string field)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var body = Broken(change);
        var created = await host.Http.PostReplyAsync("/api/surveys", body, key);
        AssertRefused(created, field, $"create with {name}");

        var survey = await host.Http.CreateSurveyAsync(key, LogicCraftedTakingTests.BranchySurvey());
        var before = (await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}", key)).Json["json"]!.ToJsonString();
        var patch = new JsonObject { ["pages"] = body["pages"]!.DeepClone() };
        var patched = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", patch, key);
        AssertRefused(patched, field, $"PATCH with {name}");
        Assert.Equal(before, (await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}", key)).Json["json"]!.ToJsonString());
    }

    [Fact]
    public async Task A_condition_10000_levels_deep_is_refused_by_the_body_reader_without_a_500()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        // 10,000 nested "not"s take 70 KB: past the body limit, so refused before it is parsed.
        var nots = new StringBuilder();
        for (var i = 0; i < 10_000; i++)
            nots.Append("{\"not\":");
        nots.Append("""{"question":"uses","op":"answered"}""").Append('}', 10_000);
        await AssertRefusedRawAsync(key, nots.ToString(), [HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge],
            ["payload_too_large", "malformed_json", "validation_error"]);
        // 10,000 levels within the body limit: the JSON reader's depth bound refuses it.
        var lists = "{\"all\":" + new string('[', 9_999) + new string(']', 9_999) + "}";
        await AssertRefusedRawAsync(key, lists, [HttpStatusCode.BadRequest], ["malformed_json", "validation_error"]);
    }

    [Fact]
    public async Task A_condition_with_100000_terms_is_refused_without_a_500()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var terms = string.Join(",", Enumerable.Repeat("""{"question":"uses","op":"answered"}""", 100_000));
        await AssertRefusedRawAsync(key, "{\"any\":[" + terms + "]}", [HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge],
            ["payload_too_large", "validation_error"]);
    }

    [Fact]
    public async Task Conditions_at_the_documented_bounds_are_accepted_and_one_past_them_refused()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        static string Nested(int depth) => depth == 1 ? """{"question":"uses","op":"answered"}""" : "{\"not\":" + Nested(depth - 1) + "}";
        static string Parts(int parts) =>
            "{\"any\":[" + string.Join(",", Enumerable.Repeat("""{"question":"uses","op":"answered"}""", parts - 1)) + "]}";
        foreach (var (condition, accepted, what) in new[] { (Nested(8), true, "8 levels"), (Nested(9), false, "9 levels"),
                     (Parts(64), true, "64 parts"), (Parts(65), false, "65 parts") })
        {
            var reply = await host.Http.PostReplyAsync("/api/surveys", WithBranchCondition(condition), key);
            if (accepted)
                Assert.True(reply.Status == HttpStatusCode.Created, $"{what}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
            else
                AssertRefused(reply, null, what);
        }
    }

    /// <summary>The crafted survey with its page <c>p</c>'s branches replaced by the change's.</summary>
    private static JsonObject Broken(string change)
    {
        var body = LogicCraftedTakingTests.BranchySurvey();
        var parsed = JsonNode.Parse(change)!;
        body["pages"]![parsed["p"]!.GetValue<int>()]!["branches"] = parsed["branches"]!.DeepClone();
        return body;
    }

    private static JsonObject WithBranchCondition(string condition) =>
        Broken("{\"p\":1,\"branches\":[{\"if\":" + condition + ",\"then\":{\"end\":true}}]}");

    /// <summary>The crafted survey with <paramref name="condition"/> (raw JSON) as a branch condition, sent to create and as a PATCH of a
    /// survey: refused with one of <paramref name="statuses"/> and <paramref name="codes"/>, creating and changing nothing.</summary>
    private async Task AssertRefusedRawAsync(string key, string condition, HttpStatusCode[] statuses, string[] codes)
    {
        var pages = WithBranchCondition("0")["pages"]!.ToJsonString().Replace("\"if\":0", "\"if\":" + condition, StringComparison.Ordinal);
        var survey = await host.Http.CreateSurveyAsync(key, LogicCraftedTakingTests.BranchySurvey());
        var before = await host.Http.GetReplyAsync("/api/surveys", key);
        foreach (var (method, path, body) in new[]
                 {
                     (HttpMethod.Post, "/api/surveys", "{\"name\":\"Deep\",\"pages\":" + pages + "}"),
                     (HttpMethod.Patch, $"/api/surveys/{survey.Uuid()}", "{\"pages\":" + pages + "}"),
                 })
        {
            // Expect: 100-continue, as a client uploading megabytes sends it: the 413 comes before the body, not a broken pipe.
            var reply = await host.Http.SendAsync(method, path, body, key, r => r.Headers.ExpectContinue = true);
            Assert.True(statuses.Contains(reply.Status) && codes.Contains(reply.ErrorCode),
                $"{method} with {body.Length} bytes: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        }
        var after = await host.Http.GetReplyAsync("/api/surveys", key);
        Assert.Equal(before.Json["surveys"]!.ToJsonString(), after.Json["surveys"]!.ToJsonString());
    }

    private static void AssertRefused(Api.Reply reply, string? field, string what)
    {
        Assert.True(reply.Status == HttpStatusCode.BadRequest && reply.ErrorCode == "validation_error",
            $"{what}: {(int)reply.Status} {reply.Body?.ToJsonString()}");
        if (field is not null)
            Assert.Equal(field, reply.Json["error"]!["field"]?.GetValue<string>());
    }
}
