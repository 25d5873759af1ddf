using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;

namespace SurveyFunctions.Tests.Responses;

/// <summary>
/// The form read carries what the response page needs to follow the survey's logic live (the browser test does so in
/// Chromium): each page's identifier and branches and each question's display condition exactly as the definition writes
/// them, each choice option's id, client id and disqualify flag, the session's hidden fields; and once the session has
/// ended by a redirect rule, that rule's URL, decided by the server.
/// </summary>
public sealed class ResponseFormLogicTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    private static readonly JsonObject LowScore = new() { ["question"] = "score", ["op"] = "le", ["value"] = 2 };
    private static readonly JsonObject SlowPicked = new() { ["question"] = "reason", ["op"] = "includes_any", ["values"] = new JsonArray("slow") };
    private static readonly JsonObject ToRedirect = new() { ["redirect"] = "https://example.com/low?ref=1" };

    private static JsonObject Survey() => new()
    {
        ["name"] = "Logic form",
        ["hidden_fields"] = new JsonArray("source"),
        ["settings"] = new JsonObject { ["redirect_type"] = "url", ["redirect_url"] = "https://example.com/thanks" },
        ["pages"] = new JsonArray(
            new JsonObject
            {
                ["identifier"] = "first",
                ["questions"] = new JsonArray(
                    TakeApi.Scale("score", "rating", "Score?", true, 1, 5),
                    TakeApi.Question("reason", "single_choice", "Why?", false, new JsonArray(
                        new JsonObject { ["id"] = "slow", ["label"] = "Slow" },
                        new JsonObject { ["id"] = "bot", ["label"] = "I am a bot", ["disqualify"] = true },
                        new JsonObject { ["label"] = "Other" }))),
                ["branches"] = new JsonArray(new JsonObject { ["if"] = LowScore.DeepClone(), ["then"] = ToRedirect.DeepClone() }),
            },
            new JsonObject
            {
                ["identifier"] = "second",
                ["questions"] = new JsonArray(WithDisplayIf(TakeApi.Question("comment", "text", "Tell us more", false, null))),
            }),
    };

    private static JsonObject WithDisplayIf(JsonObject question)
    {
        question["display_if"] = SlowPicked.DeepClone();
        return question;
    }

    [Fact]
    public async Task The_form_read_carries_the_logic_the_hidden_fields_and_where_a_redirect_rule_sends_the_finished_session()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, Survey()));
        var offer = await host.Http.SendAsync(HttpMethod.Post, Root, new JsonObject
        {
            ["survey_response"] = new JsonObject { ["survey_id"] = survey.Uuid, ["responder_id"] = 41,
                ["hidden_fields"] = new JsonObject { ["source"] = "<b>email</b>" } },
        }, configure: Basic(key));
        Assert.Equal(HttpStatusCode.OK, offer.Status);
        var id = offer.Json["survey_response"]!["id"]!.GetValue<string>();
        var token = AccessTokenOf(offer.Json["survey_response"]!["links"]!["url_path"]!.GetValue<string>());

        var form = (await FormAsync(id, token)).Json["form"]!;
        var pages = form["pages"]!.AsArray();
        Assert.Equal(["first", "second"], pages.Select(p => p!["identifier"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(new JsonArray(new JsonObject { ["if"] = LowScore.DeepClone(), ["then"] = ToRedirect.DeepClone() }),
            pages[0]!["branches"]), pages[0]!["branches"]!.ToJsonString());
        Assert.Empty(pages[1]!["branches"]!.AsArray());
        var (score, reason) = (pages[0]!["questions"]![0]!, pages[0]!["questions"]![1]!);
        var comment = pages[1]!["questions"]![0]!;
        Assert.Null(score["display_if"]);
        Assert.Null(score["options"]);
        Assert.True(JsonNode.DeepEquals(SlowPicked, comment["display_if"]), comment["display_if"]?.ToJsonString());
        Assert.Equal("comment", comment["question"]!["alias"]!.GetValue<string>());
        var options = reason["options"]!.AsArray();
        Assert.Equal([survey.Options["Slow"], survey.Options["I am a bot"], survey.Options["Other"]],
            options.Select(o => long.Parse(o!["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(["slow", "bot", null], options.Select(o => o!["client_id"]?.GetValue<string>()));
        Assert.Equal([false, true, false], options.Select(o => o!["disqualify"]!.GetValue<bool>()));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["source"] = "<b>email</b>" }, form["hidden_fields"]));
        Assert.Null(form["finished"]);
        Assert.Null(form["redirect_url"]);

        // A low score ends the session by the redirect rule: the form says where to, not the survey's own redirect.
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, Answers(Rating(survey.Questions["score"], 2),
            Skip(survey.Questions["reason"]), Skip(survey.Questions["comment"])), accessToken: token)).Status);
        var ended = (await FormAsync(id, token)).Json["form"]!;
        Assert.Equal("completed", ended["finished"]!.GetValue<string>());
        Assert.Equal("https://example.com/low?ref=1", ended["redirect_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_finished_session_without_a_redirect_rule_is_sent_where_the_survey_says()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, Survey()));
        var (id, token, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 42);
        Assert.True(JsonNode.DeepEquals(new JsonObject(), (await FormAsync(id, token)).Json["form"]!["hidden_fields"]));

        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, Answers(Rating(survey.Questions["score"], 5)),
            accessToken: token)).Status);
        Assert.Equal("https://example.com/thanks", (await FormAsync(id, token)).Json["form"]!["redirect_url"]!.GetValue<string>());
    }

    private Task<Api.Reply> FormAsync(string id, string token) =>
        host.Http.SendAsync(HttpMethod.Get, $"/hc/api/en/survey_responses/{id}/form?access_token={Uri.EscapeDataString(token)}");
}
