using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Logic;

/// <summary>
/// Editing a live survey: sessions that started before the edit finish on the definition they started with (its pages,
/// texts and logic); sessions that start after it take the new one; deleting the survey deletes the kept versions.
/// </summary>
public sealed class SurveyVersionTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_session_keeps_the_definition_it_started_on_and_new_sessions_take_the_edited_one()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, LogicSurvey.Body());
        var before = await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=early");
        var early = await host.Http.SubmitAnswersAsync(key, survey.Id(), before.Token,
            (before.QuestionId("What is your role?"), new[] { before.OptionId("What is your role?", "Developer") }),
            (before.QuestionId("How experienced are you?"), 5));
        Assert.Equal(["Which language do you use most?", "What do you debug most, as a Developer?"], early.QuestionTexts);

        // The edit: page "dev" loses its follow-up and renames its question; every developer now ends there.
        var definition = (await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}", key)).Json["json"]!;
        var pages = definition["pages"]!.DeepClone().AsArray();
        var dev = pages[1]!.AsObject();
        dev["questions"]!.AsArray().RemoveAt(1);
        dev["questions"]![0]!["question"] = "Your favourite language?";
        dev["branches"] = new JsonArray(LogicSurvey.Branch(new JsonObject { ["question"] = "qLanguage", ["op"] = "answered" },
            new JsonObject { ["end"] = true }));
        var patched = await host.Http.PatchReplyAsync($"/api/surveys/{survey.Uuid()}", new JsonObject { ["pages"] = pages }, key);
        Assert.True(patched.Status == HttpStatusCode.OK, patched.Body?.ToJsonString());

        // The early respondent goes on with what they started: the old page, the old follow-up, on to "wrap".
        var resumed = await host.Http.TakeAsync(key, survey.Id(), early.Token);
        Assert.Equal(["Which language do you use most?", "What do you debug most, as a Developer?"], resumed.QuestionTexts);
        var wrap = await host.Http.SubmitAnswersAsync(key, survey.Id(), resumed.Token,
            (resumed.QuestionId("Which language do you use most?"), "F#"), (resumed.QuestionId("What do you debug most, as a Developer?"), "Types"));
        Assert.Equal(["How likely is a Developer to recommend us?"], wrap.QuestionTexts);

        // A respondent who starts now takes the edited survey and ends on "dev".
        var late = await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=late");
        var lateDev = await host.Http.SubmitAnswersAsync(key, survey.Id(), late.Token,
            (late.QuestionId("What is your role?"), new[] { late.OptionId("What is your role?", "Developer") }),
            (late.QuestionId("How experienced are you?"), 5));
        Assert.Equal(["Your favourite language?"], lateDev.QuestionTexts);
        var lateDone = await host.Http.SubmitAnswersAsync(key, survey.Id(), lateDev.Token, (lateDev.QuestionId("Your favourite language?"), "Go"));
        Assert.Equal("survey_complete", lateDone.ResponseStatus);

        var earlyDone = await host.Http.SubmitAnswersAsync(key, survey.Id(), wrap.Token, (wrap.QuestionId("How likely is a Developer to recommend us?"), 8));
        Assert.Equal("survey_complete", earlyDone.ResponseStatus);

        // Deleting the survey deletes the version kept for the early session.
        Assert.Equal(1, await VersionRowsAsync(tenant, survey.Uuid()));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.DeleteReplyAsync($"/api/surveys/{survey.Uuid()}", key)).Status);
        Assert.Equal(0, await VersionRowsAsync(tenant, survey.Uuid()));
    }

    private async Task<int> VersionRowsAsync(string tenant, string uuid)
    {
        var partition = SurveyEntity.PartitionKey(tenant, uuid);
        var rows = 0;
        await foreach (var row in host.Get<SurveyTables>().Surveys.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey"]))
            rows += row.RowKey.StartsWith("version|", StringComparison.Ordinal) ? 1 : 0;
        return rows;
    }

}
