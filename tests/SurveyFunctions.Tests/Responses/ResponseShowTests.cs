using System.Net;
using System.Text.Json.Nodes;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Platform;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;
using static SurveyFunctions.Tests.Responses.ResponseSubmissionTests;

namespace SurveyFunctions.Tests.Responses;

/// <summary>
/// <c>GET /api/v2/guide/{locale}/survey_responses/{id}</c>: questions with alias, headline and options as static text for a
/// single-language survey and dynamic text (a key and the value in the asked locale, else the default language) for a
/// multi-language one.
/// </summary>
public sealed class ResponseShowTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_single_language_survey_shows_static_texts()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var (id, token, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 1, ["zen:ticket:99"]);
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, Answers(
            Rating(survey.Questions["csatRating"], 3), Choice(survey.Questions["reason"], survey.Options["Friendly agent"])),
                accessToken: token)).Status);

        var reply = await host.Http.ShowResponseAsync("en-us", id, accessToken: token);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var answers = reply.Json["survey_response"]!["answers"]!.AsArray();
        var rating = answers[0]!["question"]!;
        Assert.Equal("csatRating", rating["alias"]!.GetValue<string>());
        Assert.Equal("""{"type":"static","value":"How would you rate your experience?"}""", rating["headline"]!.ToJsonString());
        Assert.Equal("rating_scale_numeric", rating["type"]!.GetValue<string>());
        Assert.Equal("customer_satisfaction", rating["sub_type"]!.GetValue<string>());
        Assert.Equal(
            """[{"label":{"type":"static","value":"Very unsatisfied"},"rating":1},{"label":{"type":"static","value":"2"},"rating":2},{"label":{"type":"static","value":"3"},"rating":3},{"label":{"type":"static","value":"4"},"rating":4},{"label":{"type":"static","value":"Very satisfied"},"rating":5}]""",
            rating["options"]!.ToJsonString());
        Assert.Equal("neutral", answers[0]!["rating_category"]!.GetValue<string>());

        var reason = answers[1]!["question"]!;
        Assert.Equal("reason", reason["alias"]!.GetValue<string>());
        Assert.Equal("closed_ended", reason["type"]!.GetValue<string>());
        Assert.Equal(
            "[{\"id\":\"" + survey.Options["The issue took too long to resolve"] + "\",\"label\":{\"type\":\"static\",\"value\":\"The issue took too long to resolve\"}},{\"id\":\"" + survey.Options["Friendly agent"] + "\",\"label\":{\"type\":\"static\",\"value\":\"Friendly agent\"}}]",
            reason["options"]!.ToJsonString());
        var comment = answers[2]!;
        Assert.Equal("skipped", comment["type"]!.GetValue<string>());
        Assert.Equal($$"""{"alias":"comment","headline":{"type":"static","value":"Share your thoughts on the support you received"},"id":"{{survey.Questions["comment"]}}","type":"open_ended"}""", comment["question"]!.ToJsonString());
        // Any locale reads a single-language survey the same way.
        Assert.Equal(reply.Json["survey_response"]!["answers"]!.ToJsonString(),
            (await host.Http.ShowResponseAsync("ja", id, key)).Json["survey_response"]!["answers"]!.ToJsonString());
    }

    [Theory]
    [InlineData("de", "Wie war es?", "Gut")]
    [InlineData("de-DE", "Wie war es?", "Gut")]
    [InlineData("en-us", "How was it?", "Good")]
    [InlineData("EN", "How was it?", "Good")]
    [InlineData("fr-fr", "How was it?", "Good")]
    public async Task A_multi_language_survey_shows_dynamic_texts_in_the_locale_or_the_default_language(string locale, string headline, string label)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var created = await host.Http.CreateStartedSurveyAsync(key, new JsonObject
        {
            ["name"] = "Bilingual CSAT",
            ["languages"] = new JsonArray("en", "de"),
            ["pages"] = new JsonArray(TakeApi.Page(
                new JsonObject
                {
                    ["identifier"] = "how",
                    ["type"] = "rating",
                    ["required"] = true,
                    ["question"] = new JsonObject { ["en"] = "How was it?", ["de"] = "Wie war es?" },
                    ["scale"] = new JsonObject { ["min"] = 1, ["max"] = 2,
                        ["labels"] = new JsonObject { ["1"] = new JsonObject { ["en"] = "Bad", ["de"] = "Schlecht" },
                            ["2"] = new JsonObject { ["en"] = "Good", ["de"] = "Gut" } } },
                },
                new JsonObject
                {
                    ["identifier"] = "why",
                    ["type"] = "multiple_choice",
                    ["question"] = new JsonObject { ["en"] = "Why?", ["de"] = "Warum?" },
                    ["options"] = new JsonArray(
                        new JsonObject { ["label"] = new JsonObject { ["en"] = "Fast", ["de"] = "Schnell" } },
                        new JsonObject { ["label"] = new JsonObject { ["en"] = "Kind", ["de"] = "Freundlich" } }),
                })),
        });
        var survey = IdsOf(created);
        var (id, _, body) = await host.Http.CreateResponseAsync(key, survey.Uuid, 1, locale: locale);
        // The rating links speak the locale too, as dynamic texts.
        var goodLink = body["survey_response"]!["links"]!["rating_links"]![1]!;
        Assert.Equal("dynamic", goodLink["label"]!["type"]!.GetValue<string>());
        Assert.Equal(label, goodLink["label"]!["value"]!.GetValue<string>());
        Assert.Equal("good", (await host.Http.SubmitResponseAsync(id, Answers(Rating(survey.Questions["how"], 2)),
            apiKey: key)).Json["survey_response"]!["answers"]![0]!["rating_category"]!.GetValue<string>());

        var reply = await host.Http.ShowResponseAsync(locale, id, key);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var how = reply.Json["survey_response"]!["answers"]![0]!["question"]!;
        Assert.Equal("dynamic", how["headline"]!["type"]!.GetValue<string>());
        Assert.Equal(headline, how["headline"]!["value"]!.GetValue<string>());
        Assert.Equal($"surveys.{survey.Uuid}.questions.{survey.Questions["how"]}.headline", how["headline"]!["key"]!.GetValue<string>());
        Assert.Equal(label, how["options"]![1]!["label"]!["value"]!.GetValue<string>());
        var why = reply.Json["survey_response"]!["answers"]![1]!["question"]!;
        Assert.All(why["options"]!.AsArray(), o => Assert.Equal("dynamic", o!["label"]!["type"]!.GetValue<string>()));
        Assert.Equal(headline == "Wie war es?" ? ["Schnell", "Freundlich"] : ["Fast", "Kind"],
            why["options"]!.AsArray().Select(o => o!["label"]!["value"]!.GetValue<string>()));
        Assert.EndsWith(".label", why["options"]![0]!["label"]!["key"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e")]
    [InlineData("en_us")]
    [InlineData("en-")]
    [InlineData("12")]
    public async Task A_bad_locale_is_400(string locale)
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var (id, _, _) = await host.Http.CreateResponseAsync(key, survey.Uuid, 1);
        var reply = await host.Http.ShowResponseAsync(locale, id, key);
        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        PlatformTests.AssertEnvelope("responses", reply, 400);
    }
}

/// <summary>Responses expire 14 days after they are offered: their tokens stop working and answers are refused.</summary>
public sealed class ResponseExpiryTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task After_expires_at_the_token_is_refused_and_answers_are_not_taken()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = IdsOf(await host.Http.CreateStartedSurveyAsync(key, CsatSurvey()));
        var (id, token, body) = await host.Http.CreateResponseAsync(key, survey.Uuid, 1);
        var answers = Answers(Rating(survey.Questions["csatRating"], 4));
        host.Clock.Advance(TimeSpan.FromDays(13.9));
        Assert.Equal(HttpStatusCode.OK, (await host.Http.SubmitResponseAsync(id, answers, accessToken: token)).Status);

        host.Clock.Advance(TimeSpan.FromDays(0.2));
        await AssertErrorAsync(await host.Http.SubmitResponseAsync(id, answers, accessToken: token), 401, "Unauthorized",
            "Unauthorized to access the resource");
        await AssertErrorAsync(await host.Http.ShowResponseAsync("en", id, accessToken: token), 401, "Unauthorized",
            "Unauthorized to access the resource");
        await AssertErrorAsync(await host.Http.SubmitResponseAsync(id, answers, apiKey: key), 409, "Conflict",
            "The survey response has expired and no longer takes answers");
        // The owner still reads it, answers and all, with its expiry as created.
        var shown = await host.Http.ShowResponseAsync("en", id, key);
        Assert.Equal(body["survey_response"]!["expires_at"]!.GetValue<string>(), shown.Json["survey_response"]!["expires_at"]!.GetValue<string>());
        Assert.Equal(4, shown.Json["survey_response"]!["answers"]![0]!["rating"]!.GetValue<int>());
    }
}
