using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;

namespace SurveyFunctions.Tests.Logic;

/// <summary>
/// Survey logic through the Responses family (Zendesk's Help Center survey responses API), which takes a whole survey per
/// request: hidden fields in the offer, answers the path does not show refused, and a resubmission that changes the path
/// drops the answers off it, in storage and in the results.
/// </summary>
public sealed class ResponsesLogicTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_resubmission_that_changes_the_path_drops_the_answers_off_it_and_results_follow_exactly()
    {
        var (key, ids) = await StartAsync();
        var id = await OfferAsync(key, ids, 1, new JsonObject { ["source"] = "email" });
        var developer = await host.Http.SubmitResponseAsync(id, Answers(
            Choice(ids.Questions["qRole"], ids.Options["Developer"]), Rating(ids.Questions["qExperience"], 5),
            Text(ids.Questions["qLanguage"], "C#"), Text(ids.Questions["qDebug"], "Races"),
            Rating(ids.Questions["qNps"], 9), Text(ids.Questions["qEmail"], "The subject")), key);
        Assert.True(developer.Status == HttpStatusCode.OK, developer.Body?.ToJsonString());
        Assert.Equal(1, (await CountsAsync(key, ids))["qLanguage"]);

        // Now a manager: "dev" is skipped, so its stored answers go; the email question still shows (the source is email).
        var manager = await host.Http.SubmitResponseAsync(id, Answers(Choice(ids.Questions["qRole"], ids.Options["Manager"])), key);
        Assert.True(manager.Status == HttpStatusCode.OK, manager.Body?.ToJsonString());
        var answered = manager.Json["survey_response"]!["answers"]!.AsArray()
            .Where(a => a!["type"]!.GetValue<string>() != "skipped").Select(a => a!["question"]!["id"]!.GetValue<string>()).ToArray();
        Assert.Equal(new[] { "qRole", "qExperience", "qNps", "qEmail" }.Select(q => ids.Questions[q].ToString(System.Globalization.CultureInfo.InvariantCulture)),
            answered);
        var counts = await CountsAsync(key, ids);
        Assert.Equal((1, 0, 0, 1, 1), (counts["qRole"], counts["qLanguage"], counts["qDebug"], counts["qNps"], counts["qEmail"]));
    }

    [Fact]
    public async Task Answers_to_questions_the_path_does_not_show_are_refused_and_nothing_is_stored()
    {
        var (key, ids) = await StartAsync();
        var id = await OfferAsync(key, ids, 2, null);

        // No source given: the email-only question is not shown.
        var hidden = await host.Http.SubmitResponseAsync(id, Answers(
            Choice(ids.Questions["qRole"], ids.Options["Manager"]), Rating(ids.Questions["qExperience"], 2),
            Rating(ids.Questions["qNps"], 7), Text(ids.Questions["qEmail"], "Curious")), key);
        Assert.Equal(HttpStatusCode.BadRequest, hidden.Status);
        Assert.Contains("not shown", hidden.Body!.ToJsonString(), StringComparison.Ordinal);

        // A manager skips "dev": answering it is refused too. A skip of it is fine.
        var skipped = await host.Http.SubmitResponseAsync(id, Answers(
            Choice(ids.Questions["qRole"], ids.Options["Manager"]), Rating(ids.Questions["qExperience"], 2),
            Rating(ids.Questions["qNps"], 7), Text(ids.Questions["qLanguage"], "Go")), key);
        Assert.Equal(HttpStatusCode.BadRequest, skipped.Status);
        Assert.Contains("skip", skipped.Body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, (await host.Http.WaitForSurveyAggregationAsync(ids.Uuid, key))["completed_sessions"]!.GetValue<long>());

        var fine = await host.Http.SubmitResponseAsync(id, Answers(
            Choice(ids.Questions["qRole"], ids.Options["Manager"]), Rating(ids.Questions["qExperience"], 2),
            Rating(ids.Questions["qNps"], 7), Skip(ids.Questions["qLanguage"]), Skip(ids.Questions["qEmail"])), key);
        Assert.True(fine.Status == HttpStatusCode.OK, fine.Body?.ToJsonString());
    }

    [Fact]
    public async Task An_offer_may_only_carry_the_hidden_fields_the_survey_declares()
    {
        var (key, ids) = await StartAsync();
        var unknown = await OfferReplyAsync(key, ids, 3, new JsonObject { ["campaign"] = "spring" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Contains("hidden_fields.campaign", unknown.Body!.ToJsonString(), StringComparison.Ordinal);
        var tooLong = await OfferReplyAsync(key, ids, 3, new JsonObject { ["source"] = new string('x', 501) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.Status);
        var notText = await OfferReplyAsync(key, ids, 3, new JsonObject { ["source"] = 5 });
        Assert.Equal(HttpStatusCode.BadRequest, notText.Status);
    }

    private async Task<(string Key, SurveyIds Ids)> StartAsync()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        return (key, IdsOf(await host.Http.CreateStartedSurveyAsync(key, LogicSurvey.Body())));
    }

    private Task<Api.Reply> OfferReplyAsync(string key, SurveyIds ids, long responder, JsonObject? hidden)
    {
        var offer = new JsonObject { ["survey_id"] = ids.Uuid, ["responder_id"] = responder };
        if (hidden is not null)
            offer["hidden_fields"] = hidden;
        return host.Http.SendAsync(HttpMethod.Post, Root, new JsonObject { ["survey_response"] = offer }, configure: Basic(key));
    }

    private async Task<string> OfferAsync(string key, SurveyIds ids, long responder, JsonObject? hidden)
    {
        var reply = await OfferReplyAsync(key, ids, responder, hidden);
        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body?.ToJsonString());
        return reply.Json["survey_response"]!["id"]!.GetValue<string>();
    }

    private async Task<Dictionary<string, long>> CountsAsync(string key, SurveyIds ids) =>
        (await host.Http.WaitForSurveyAggregationAsync(ids.Uuid, key))["questions"]!.AsArray()
            .ToDictionary(q => q!["identifier"]!.GetValue<string>(), q => q!["answers"]!.GetValue<long>());
}
