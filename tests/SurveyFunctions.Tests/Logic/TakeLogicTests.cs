using System.Text.Json.Nodes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Logic;

/// <summary>
/// Survey logic through the Take family (the QuestionPro survey-taking API), over HTTP against the host and Azurite: each
/// respondent's path, status and redirect, the questions shown with their piped texts, what is stored, and what results count.
/// </summary>
public sealed class TakeLogicTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    private readonly Dictionary<string, string> _tenants = [];

    private static readonly JsonObject Settings = new()
    {
        ["redirect_url_disqualified"] = "https://panel.example.com/out",
    };

    [Fact]
    public async Task A_developer_from_email_takes_every_page_and_sees_the_questions_their_answers_and_source_call_for()
    {
        var (survey, key) = await StartAsync();
        var intro = await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=dev-1&hidden[source]=email&hidden[unknown]=x");
        Assert.Equal("success", intro.ResponseStatus);
        Assert.Equal(0, intro.Response["meta"]!["progressPercentage"]!.GetValue<int>());

        var dev = await AnswerIntroAsync(key, survey, intro, "Developer", 5);
        Assert.Equal("success", dev.ResponseStatus);
        Assert.Equal(["Which language do you use most?", "What do you debug most, as a Developer?"], dev.QuestionTexts);
        Assert.Equal(33, dev.Response["meta"]!["progressPercentage"]!.GetValue<int>());
        Assert.False(dev.Response["meta"]!["isFinalPage"]!.GetValue<bool>());

        var wrap = await host.Http.SubmitAnswersAsync(key, survey.Id(), dev.Token,
            (dev.QuestionId("Which language do you use most?"), "C#"), (dev.QuestionId("What do you debug most, as a Developer?"), "Races"));
        Assert.Equal(["How likely is a Developer to recommend us?", "What made you open our email?"], wrap.QuestionTexts);
        Assert.Equal(66, wrap.Response["meta"]!["progressPercentage"]!.GetValue<int>());
        Assert.True(wrap.Response["meta"]!["isFinalPage"]!.GetValue<bool>());
        Assert.EndsWith("/take?page=2", wrap.Response["navigation"]!["previousPageUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), wrap.Token,
            (wrap.QuestionId("How likely is a Developer to recommend us?"), 9), (wrap.QuestionId("What made you open our email?"), "The subject"));
        Assert.Equal("survey_complete", done.ResponseStatus);

        var session = await SessionOfAsync(key, survey, "dev-1");
        Assert.Equal(["qRole", "qExperience", "qLanguage", "qDebug", "qNps", "qEmail"], session.Answers.Select(a => a.QuestionIdentifier));
        Assert.Equal(new Dictionary<string, string> { ["source"] = "email" }, session.HiddenFields);
    }

    [Fact]
    public async Task A_manager_skips_to_the_last_page_which_asks_nothing_that_needs_a_source_they_did_not_bring()
    {
        var (survey, key) = await StartAsync();
        var intro = await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=mgr-1");
        var wrap = await AnswerIntroAsync(key, survey, intro, "Manager", 2);
        Assert.Equal(["How likely is a Manager to recommend us?"], wrap.QuestionTexts);
        Assert.Equal(50, wrap.Response["meta"]!["progressPercentage"]!.GetValue<int>());
        Assert.EndsWith("/take?page=1", wrap.Response["navigation"]!["previousPageUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        // Going to the skipped page by URL shows the current page, not the skipped one.
        var skipped = await host.Http.TakeAsync(key, survey.Id(), wrap.Token, "?page=2");
        Assert.Equal(["How likely is a Manager to recommend us?"], skipped.QuestionTexts);

        // The email-only question is not shown to this respondent: answering it is refused, and nothing is stored.
        var email = await EmailQuestionIdAsync(key, survey);
        var refused = await host.Http.SubmitAnswersAsync(key, survey.Id(), skipped.Token,
            (skipped.QuestionId("How likely is a Manager to recommend us?"), 7), (email, "Curious"));
        Assert.Equal("validation_errors", refused.ResponseStatus);
        var error = Assert.Single(refused.ValidationErrors);
        Assert.Equal("question_not_shown", error!["code"]!.GetValue<string>());
        Assert.Equal(email, error["questionID"]!.GetValue<long>());
        Assert.Equal(2, (await SessionOfAsync(key, survey, "mgr-1")).Answers.Count);

        var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), refused.Token, (skipped.QuestionId("How likely is a Manager to recommend us?"), 7));
        Assert.Equal("survey_complete", done.ResponseStatus);
        Assert.Equal(["qRole", "qExperience", "qNps"], (await SessionOfAsync(key, survey, "mgr-1")).Answers.Select(a => a.QuestionIdentifier));
    }

    [Fact]
    public async Task Rules_end_disqualify_and_redirect_the_session_with_the_statuses_of_the_taking_api()
    {
        var (survey, key) = await StartAsync();

        var rival = await AnswerIntroAsync(key, survey, await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=rival-1"), "Competitor", 3);
        Assert.Equal("terminated", rival.ResponseStatus);
        Assert.Equal("https://panel.example.com/out", rival.Response["redirectUrl"]!.GetValue<string>());
        Assert.True((await SessionOfAsync(key, survey, "rival-1")).IsDisqualified);

        var student = await AnswerIntroAsync(key, survey, await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=student-1"), "Student", 1);
        Assert.Equal("redirect", student.ResponseStatus);
        Assert.Equal(LogicSurvey.StudentUrl, student.Response["redirectUrl"]!.GetValue<string>());
        var stored = await SessionOfAsync(key, survey, "student-1");
        Assert.True(stored.IsCompleted);
        Assert.False(stored.IsDisqualified);
        // Coming back is sent to the same place.
        var again = await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=student-1");
        Assert.Equal(("redirect", LogicSurvey.StudentUrl), (again.ResponseStatus, again.Response["redirectUrl"]!.GetValue<string>()));

        var dev = await AnswerIntroAsync(key, survey, await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=none-1"), "Developer", 2);
        Assert.Equal(["Which language do you use most?"], dev.QuestionTexts);
        var ended = await host.Http.SubmitAnswersAsync(key, survey.Id(), dev.Token, (dev.QuestionId("Which language do you use most?"), " NONE "));
        Assert.Equal("survey_complete", ended.ResponseStatus);
        Assert.Equal(["qRole", "qExperience", "qLanguage"], (await SessionOfAsync(key, survey, "none-1")).Answers.Select(a => a.QuestionIdentifier));
    }

    [Fact]
    public async Task Going_back_and_changing_an_answer_takes_the_new_path_and_drops_the_answers_off_it_from_storage_and_results()
    {
        var (survey, key) = await StartAsync();
        var intro = await host.Http.TakeAsync(key, survey.Id(), query: "?customer_id=back-1");
        var dev = await AnswerIntroAsync(key, survey, intro, "Developer", 5);
        var wrap = await host.Http.SubmitAnswersAsync(key, survey.Id(), dev.Token,
            (dev.QuestionId("Which language do you use most?"), "Go"), (dev.QuestionId("What do you debug most, as a Developer?"), "Leaks"));
        Assert.Equal(4, (await SessionOfAsync(key, survey, "back-1")).Answers.Count);

        // Back to the first page; now a manager: the path skips "dev", whose answers are gone.
        var first = await host.Http.TakeAsync(key, survey.Id(), wrap.Token, "?page=1");
        Assert.Equal(["What is your role?", "How experienced are you?"], first.QuestionTexts);
        var skipToWrap = await AnswerIntroAsync(key, survey, first, "Manager", 5);
        Assert.Equal(["How likely is a Manager to recommend us?"], skipToWrap.QuestionTexts);
        Assert.Equal(["qRole", "qExperience"], (await SessionOfAsync(key, survey, "back-1")).Answers.Select(a => a.QuestionIdentifier));

        // An old token of the first path changes nothing: its reply is where the session is now.
        var replay = await host.Http.SubmitAnswersAsync(key, survey.Id(), dev.Token, (dev.QuestionId("Which language do you use most?"), "Rust"));
        Assert.Equal(["How likely is a Manager to recommend us?"], replay.QuestionTexts);
        Assert.Equal(2, (await SessionOfAsync(key, survey, "back-1")).Answers.Count);

        var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), skipToWrap.Token, (skipToWrap.QuestionId("How likely is a Manager to recommend us?"), 10));
        Assert.Equal("survey_complete", done.ResponseStatus);

        var results = await host.Http.WaitForSurveyAggregationAsync(survey.Uuid(), key);
        Assert.Equal(1, results["completed_sessions"]!.GetValue<long>());
        var counted = results["questions"]!.AsArray().ToDictionary(q => q!["identifier"]!.GetValue<string>(), q => q!["answers"]!.GetValue<long>());
        Assert.Equal(1, counted["qRole"]);
        Assert.Equal(1, counted["qNps"]);
        Assert.Equal(0, counted["qLanguage"]);
        Assert.Equal(0, counted["qDebug"]);
        Assert.Equal(0, counted["qEmail"]);
    }

    private async Task<(JsonNode Survey, string Key)> StartAsync()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        _tenants[key] = tenant;
        return (await host.Http.CreateStartedSurveyAsync(key, LogicSurvey.Body(Settings.DeepClone().AsObject())), key);
    }


    private Task<TakeApi.TakeReply> AnswerIntroAsync(string key, JsonNode survey, TakeApi.TakeReply intro, string role, int experience) =>
        host.Http.SubmitAnswersAsync(key, survey.Id(), intro.Token,
            (intro.QuestionId("What is your role?"), new[] { intro.OptionId("What is your role?", role) }),
            (intro.QuestionId("How experienced are you?"), experience));


    private async Task<long> EmailQuestionIdAsync(string key, JsonNode survey)
    {
        var read = await host.Http.GetReplyAsync($"/api/surveys/{survey.Uuid()}", key);
        return read.Json["questions"]!.AsArray().Single(q => q!["identifier"]!.GetValue<string>() == "qEmail")!["id"]!.GetValue<long>();
    }

    private async Task<SurveySession> SessionOfAsync(string key, JsonNode survey, string customer) =>
        Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(_tenants[key], customer, survey.Uuid(), default));
}
