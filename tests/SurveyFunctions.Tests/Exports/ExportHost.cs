using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Exports;

/// <summary>
/// What the export tests read, all made through the Take endpoints in one standard-plan tenant: the three-page survey
/// <see cref="ExportWorld.Survey"/> completed by Alice and Zoë, disqualified by Bob, left half-way by Carol, and completed once
/// anonymously (no customer id); and <see cref="ExportWorld.Texts"/>, one text question answered once with each of
/// <see cref="ExportHost.TrickyTexts"/> by respondents "t00", "t01", …. A second tenant owns a survey of its own.
/// </summary>
public sealed record ExportWorld(string Key, string StrangerKey, JsonNode Survey, JsonNode Texts, JsonNode StrangerSurvey)
{
    public static readonly string[] Finished = ["alice", "bob", "zoë"];
    public const string HalfWay = "carol";
}

public sealed class ExportHost : SurveyHost
{
    /// <summary>What a spreadsheet or a CSV parser gets wrong: formulas (OWASP's six lead characters), the separator, quotes, line
    /// breaks, emoji, right-to-left text and a long answer.</summary>
    public static readonly string[] TrickyTexts =
    [
        "=HYPERLINK(\"http://evil.example\",\"click\")", "+41 22 123", "-2+3", "@SUM(A1:A2)", "\tindented", "\rreturn first",
        "a, b, and c", "she said \"hi\"", "line one\r\nline two\nline three", "emoji 🎉👩‍👩‍👧 done", "مرحبا بالعالم — שלום עולם",
        new string('x', 1000) + new string('é', 1000), "plain",
    ];

    private readonly Lazy<Task<ExportWorld>> _world;

    public ExportHost() => _world = new(CreateWorldAsync);

    public Task<ExportWorld> WorldAsync() => _world.Value;

    private async Task<ExportWorld> CreateWorldAsync()
    {
        var (_, key, _) = await Http.CreateTenantAsync("standard");
        var (_, strangerKey, _) = await Http.CreateTenantAsync("standard");
        var survey = await Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey(name: "Export me"));
        await CompleteAsync(key, survey, "alice", "Great, thanks");
        await CompleteAsync(key, survey, "zoë", "=1+1");
        await CompleteAsync(key, survey, null, "anonymous");
        var bobs = await Http.TakeAsync(key, survey.Id(), query: "?customer_id=bob");
        var terminated = await Http.SubmitAnswersAsync(key, survey.Id(), bobs.Token,
            (bobs.QuestionId("Do you use our product?"), new[] { bobs.OptionId("Do you use our product?", "No") }),
            (bobs.QuestionId("How satisfied are you?"), 2));
        Assert.Equal("terminated", terminated.ResponseStatus);
        var carols = await Http.TakeAsync(key, survey.Id(), query: $"?customer_id={ExportWorld.HalfWay}");
        Assert.Equal("success", (await Http.SubmitAnswersAsync(key, survey.Id(), carols.Token,
            (carols.QuestionId("Do you use our product?"), new[] { carols.OptionId("Do you use our product?", "Yes") }),
            (carols.QuestionId("How satisfied are you?"), 3))).ResponseStatus);

        var texts = await Http.CreateStartedSurveyAsync(key, new JsonObject
        {
            ["name"] = "Free text",
            ["pages"] = new JsonArray(TakeApi.Page(TakeApi.Question("qText", "text", "Say anything", true, null))),
        });
        for (var i = 0; i < TrickyTexts.Length; i++)
        {
            var page = await Http.TakeAsync(key, texts.Id(), query: $"?customer_id=t{i:D2}");
            var done = await Http.SubmitAnswersAsync(key, texts.Id(), page.Token, (page.QuestionIds[0], TrickyTexts[i]));
            Assert.True(done.ResponseStatus == "survey_complete", done.Json.ToJsonString());
        }
        var strangerSurvey = await Http.CreateStartedSurveyAsync(strangerKey, SurveyApi.SmallSurvey("Not yours"));
        return new ExportWorld(key, strangerKey, survey, texts, strangerSurvey);
    }

    /// <summary>Takes the three-page survey to the end, as <paramref name="customer"/> (null: no customer id).</summary>
    public async Task CompleteAsync(string key, JsonNode survey, string? customer, string comment)
    {
        var done = await Http.CompleteThreePageSurveyAsync(key, survey.Id(),
            customer is null ? "" : $"?customer_id={Uri.EscapeDataString(customer)}", comment);
        Assert.Equal("survey_complete", done.ResponseStatus);
    }
}
