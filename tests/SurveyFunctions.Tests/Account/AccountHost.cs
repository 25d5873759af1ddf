using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Account;

/// <summary>
/// What the Account tests read, all made through the Take endpoints: in account A (standard plan) the three-page survey
/// <see cref="Survey"/> completed by <see cref="Alice"/>, disqualified by <see cref="Bob"/> and left half-way by
/// <see cref="Carol"/>; Alice also completed <see cref="Small"/> and the anonymous <see cref="Anonymous"/> (as did
/// <see cref="Dave"/>, who took nothing else); <see cref="Elena"/> took <see cref="Bilingual"/> in Spanish. Account B
/// (standard) has a survey of its own; account F is on the free plan. External ids hold '@', spaces and non-ASCII letters
/// on purpose: the path parameter is whatever the client sent as <c>customer_id</c>.
/// </summary>
public sealed record AccountWorld(
    string Key, string StrangerKey, string FreeKey,
    JsonNode Survey, JsonNode Small, JsonNode Anonymous, JsonNode Bilingual, JsonNode StrangerSurvey, JsonNode FreeSurvey,
    string Alice, string Bob, string Carol, string Dave, string Elena)
{
    public string SurveyUuid => Survey.Uuid();
}

/// <summary>The host plus <see cref="AccountWorld"/>, built once per test class on first use.</summary>
public sealed class AccountHost : SurveyHost
{
    public const string IPhone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148";

    private readonly Lazy<Task<AccountWorld>> _world;

    public AccountHost() => _world = new(CreateWorldAsync);

    public Task<AccountWorld> WorldAsync() => _world.Value;

    private async Task<AccountWorld> CreateWorldAsync()
    {
        var (_, key, _) = await Http.CreateTenantAsync("standard");
        var (_, strangerKey, _) = await Http.CreateTenantAsync("standard");
        var (_, freeKey, _) = await Http.CreateTenantAsync("free");
        const string alice = "alice@example.com", bob = "bob 42", carol = "carol-ü", dave = "dave", elena = "elena";

        var survey = await Http.CreateStartedSurveyAsync(key, TakeApi.ThreePageSurvey());
        var id = survey.Id();
        var done = await Http.CompleteThreePageSurveyAsync(key, id,
            $"?customer_id={AccountApi.Segment(alice)}&language=en&country=US&region=California&city=San%20Francisco&lat=37.7749&lon=-122.4194",
            "Great — keep going! 🎉", r => r.Headers.UserAgent.ParseAdd(IPhone));
        Assert.Equal("survey_complete", done.ResponseStatus);

        var bobs = await Http.TakeAsync(key, id, query: $"?customer_id={AccountApi.Segment(bob)}",
            configure: r => r.Headers.UserAgent.ParseAdd(IPhone));
        var terminated = await Http.SubmitAnswersAsync(key, id, bobs.Token,
            (bobs.QuestionId("Do you use our product?"), new[] { bobs.OptionId("Do you use our product?", "No") }),
                (bobs.QuestionId("How satisfied are you?"), 2));
        Assert.Equal("terminated", terminated.ResponseStatus);

        var carols = await Http.TakeAsync(key, id, query: $"?customer_id={AccountApi.Segment(carol)}");
        var halfWay = await Http.SubmitAnswersAsync(key, id, carols.Token,
            (carols.QuestionId("Do you use our product?"), new[] { carols.OptionId("Do you use our product?", "Yes") }),
                (carols.QuestionId("How satisfied are you?"), 3));
        Assert.Equal("success", halfWay.ResponseStatus);

        var small = await Http.CreateStartedSurveyAsync(key, SurveyApi.SmallSurvey("Second survey"));
        await CompleteSmallAsync(key, small, alice);
        var anonymous = await Http.CreateStartedSurveyAsync(key,
            SurveyApi.SmallSurvey("Anonymous").WithSettings(new JsonObject { ["is_anonymous"] = true }));
        await CompleteSmallAsync(key, anonymous, alice);
        await CompleteSmallAsync(key, anonymous, dave);

        var bilingual = await Http.CreateStartedSurveyAsync(key, BilingualSurvey());
        var spanish = await Http.TakeAsync(key, bilingual.Id(), query: $"?customer_id={elena}&language=es");
        var answered = await Http.SubmitAnswersAsync(key, bilingual.Id(), spanish.Token,
            (spanish.QuestionIds[0], new[] { spanish.OptionId("¿Qué colores te gustan?", "Rojo"),
                spanish.OptionId("¿Qué colores te gustan?", "Azul") }));
        Assert.Equal("survey_complete", answered.ResponseStatus);

        var strangerSurvey = await Http.CreateStartedSurveyAsync(strangerKey, SurveyApi.SmallSurvey("B's survey"));
        var freeSurvey = await Http.CreateSurveyAsync(freeKey, SurveyApi.SmallSurvey("F's survey"));
        return new AccountWorld(key, strangerKey, freeKey, survey, small, anonymous, bilingual, strangerSurvey, freeSurvey, alice, bob, carol, dave,
            elena);
    }

    /// <summary>Takes a <see cref="SurveyApi.SmallSurvey"/> to the end as <paramref name="customer"/>: "Yes", then 5.</summary>
    public async Task CompleteSmallAsync(string key, JsonNode survey, string customer)
    {
        var page = await Http.TakeAsync(key, survey.Id(), query: $"?customer_id={AccountApi.Segment(customer)}");
        var done = await Http.SubmitAnswersAsync(key, survey.Id(), page.Token,
            (page.QuestionId("Do you use our product?"), new[] { page.OptionId("Do you use our product?", "Yes") }),
                (page.QuestionId("How satisfied are you with our service?"), 5));
        Assert.Equal("survey_complete", done.ResponseStatus);
    }

    /// <summary>English first (the default), then Spanish: one multiple choice question.</summary>
    private static JsonObject BilingualSurvey() => new()
    {
        ["name"] = "Colours",
        ["languages"] = new JsonArray("en", "es"),
        ["pages"] = new JsonArray(TakeApi.Page(new JsonObject
        {
            ["identifier"] = "qColours",
            ["type"] = "multiple_choice",
            ["question"] = new JsonObject { ["en"] = "Which colours do you like?", ["es"] = "¿Qué colores te gustan?" },
            ["required"] = true,
            ["options"] = new JsonArray(
                new JsonObject { ["label"] = new JsonObject { ["en"] = "Red", ["es"] = "Rojo" } },
                new JsonObject { ["label"] = new JsonObject { ["en"] = "Green", ["es"] = "Verde" } },
                new JsonObject { ["label"] = new JsonObject { ["en"] = "Blue", ["es"] = "Azul" } }),
        })),
    };
}
