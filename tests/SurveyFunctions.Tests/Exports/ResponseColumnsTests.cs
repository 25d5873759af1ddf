using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Infrastructure.ExportApi;

namespace SurveyFunctions.Tests.Exports;

/// <summary>
/// The columns of a survey's export beyond the answers' texts: one per declared hidden field (<c>hidden.{name}</c>, NDJSON's
/// <c>hidden_fields</c>), a question whose identifier is a fixed column's name renamed so no two columns share a name, and
/// numbers that stay numbers while text that looks like one is neutralised. The streamed file and the job's file alike.
/// </summary>
public sealed class ResponseColumnsTests(ExportHost host) : IClassFixture<ExportHost>
{
    private static readonly string[] Header =
    [
        "session_id", "respondent_id", "started_at", "completed_at", "is_completed", "is_disqualified", "language",
        "hidden.source", "hidden.campaign", "question.session_id", "qMood", "source", "removed_question_answers",
    ];

    [Fact]
    public async Task Hidden_fields_have_columns_colliding_identifiers_are_renamed_and_numbers_stay_numbers()
    {
        var (key, survey) = await SurveyWithHiddenFieldsAsync();
        var file = await host.Http.DownloadAsync($"/api/surveys/{survey.Uuid()}/responses?format=csv", key);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        var (header, rows) = ParseCsv(file.Bytes);
        Assert.Equal(Header, header);
        Assert.Equal(header.Length, header.Distinct(StringComparer.Ordinal).Count());

        var cells = Assert.Single(rows, r => r[1] == "from-mail").Zip(header).ToDictionary(p => p.Second, p => p.First);
        Assert.Equal("'=SUM(1)", cells["hidden.source"]);
        Assert.Equal("spring", cells["hidden.campaign"]);
        Assert.Equal("'-5", cells["question.session_id"]);
        Assert.Equal("-5", cells["qMood"]);
        Assert.Equal("'+3.5", cells["source"]);
        Assert.NotEqual("'-5", cells["session_id"]);

        var plain = Assert.Single(rows, r => r[1] == "no-hidden").Zip(header).ToDictionary(p => p.Second, p => p.First);
        Assert.Equal(("", "", "7", "abc"), (plain["hidden.source"], plain["hidden.campaign"], plain["qMood"], plain["question.session_id"]));

        // The job writes the same rows (only the instant differs, and it is not in the file).
        var export = await host.Http.StartExportAsync(survey.Uuid(), key);
        await host.Http.WaitForExportAsync(export.ExportId(), key);
        var job = await host.Http.DownloadAsync($"/api/exports/{export.ExportId()}/file", key);
        Assert.Equal(file.Text, job.Text);
    }

    [Fact]
    public async Task Ndjson_lines_carry_the_declared_hidden_fields_each_session_brought()
    {
        var (key, survey) = await SurveyWithHiddenFieldsAsync();
        var lines = ParseNdjson((await host.Http.DownloadAsync($"/api/surveys/{survey.Uuid()}/responses?format=ndjson", key)).Text);
        var mailed = Assert.Single(lines, l => l["respondent_id"]!.GetValue<string>() == "from-mail");
        Assert.Equal("""{"source":"=SUM(1)","campaign":"spring"}""", mailed["hidden_fields"]!.ToJsonString());
        Assert.Equal(["-5", "-5", "+3.5"], mailed["answers"]!.AsArray().Select(a => a!["answer"]!.GetValue<string>()));
        var plain = Assert.Single(lines, l => l["respondent_id"]!.GetValue<string>() == "no-hidden");
        Assert.Equal("{}", plain["hidden_fields"]!.ToJsonString());
    }

    /// <summary>A new tenant's survey declaring two hidden fields, with questions named <c>session_id</c> (a fixed column) and
    /// <c>source</c> (a hidden field) and a rating from -10 to 10; one respondent came with both hidden fields, one with none.</summary>
    private async Task<(string Key, JsonNode Survey)> SurveyWithHiddenFieldsAsync()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync("standard");
        var survey = await host.Http.CreateStartedSurveyAsync(key, new JsonObject
        {
            ["name"] = "Hidden columns",
            ["hidden_fields"] = new JsonArray("source", "campaign"),
            ["pages"] = new JsonArray(TakeApi.Page(
                TakeApi.Question("session_id", "text", "Your own reference?", true, null),
                TakeApi.Scale("qMood", "rating", "Mood?", true, -10, 10),
                TakeApi.Question("source", "text", "Where did you hear of us?", true, null))),
        });
        await AnswerAsync(key, survey, $"?customer_id=from-mail&hidden[source]={Uri.EscapeDataString("=SUM(1)")}&hidden[campaign]=spring",
            "-5", -5, "+3.5");
        await AnswerAsync(key, survey, "?customer_id=no-hidden", "abc", 7, "a friend");
        return (key, survey);
    }

    private async Task AnswerAsync(string key, JsonNode survey, string query, string reference, int mood, string source)
    {
        var page = await host.Http.TakeAsync(key, survey.Id(), query: query);
        var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), page.Token, (page.QuestionId("Your own reference?"), reference),
            (page.QuestionId("Mood?"), mood), (page.QuestionId("Where did you hear of us?"), source));
        Assert.True(done.ResponseStatus == "survey_complete", done.Json.ToJsonString());
    }
}
