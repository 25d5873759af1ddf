using System.Text.Json.Nodes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Take;

/// <summary>
/// <c>validation_errors</c> over HTTP, per question type: the page comes back with one entry per refused answer, naming its
/// question and why, and nothing of the submission is stored; the same token then submits the corrected page.
/// </summary>
public sealed class TakeValidationTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    /// <summary>One page with every type: single, multiple, dropdown, rating 1–5, NPS, text; all required but the text.</summary>
    private static JsonObject EveryType() => new()
    {
        ["name"] = "Every type",
        ["pages"] = new JsonArray(TakeApi.Page(
            TakeApi.Question("qSingle", "single_choice", "Single?", true, TakeApi.Options(("A", false), ("B", false))),
            TakeApi.Question("qMulti", "multiple_choice", "Multi?", true, TakeApi.Options(("X", false), ("Y", false), ("Z", false))),
            TakeApi.Question("qDrop", "dropdown", "Drop?", true, TakeApi.Options(("One", false), ("Two", false))),
            TakeApi.Scale("qRate", "rating", "Rate?", true, 1, 5),
            TakeApi.Scale("qNps", "nps", "Recommend?", true, null, null),
            TakeApi.Question("qText", "text", "Say?", false, null))),
    };

    [Fact]
    public async Task Each_question_type_refuses_what_does_not_fit_it_and_nothing_is_stored()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await host.Http.CreateStartedSurveyAsync(key, EveryType());
        var customer = "v-" + Guid.NewGuid().ToString("N")[..8];
        var page = await host.Http.TakeAsync(key, survey.Id(), query: $"?customer_id={customer}");
        long single = page.QuestionId("Single?"), multi = page.QuestionId("Multi?"), drop = page.QuestionId("Drop?");
        long rate = page.QuestionId("Rate?"), nps = page.QuestionId("Recommend?"), text = page.QuestionId("Say?");
        long a = page.OptionId("Single?", "A"), b = page.OptionId("Single?", "B"), x = page.OptionId("Multi?", "X");
        long one = page.OptionId("Drop?", "One"), two = page.OptionId("Drop?", "Two");

        async Task<(long? Question, string Code)[]> ErrorsAsync(params (long, object)[] answers)
        {
            var reply = await host.Http.SubmitAnswersAsync(key, survey.Id(), page.Token, answers);
            Assert.Equal("validation_errors", reply.ResponseStatus);
            // The same page again, with its navigation, and a token still for this page.
            Assert.Equal(page.QuestionIds, reply.QuestionIds);
            Assert.NotNull(reply.Token);
            Assert.All(reply.ValidationErrors, e => Assert.False(string.IsNullOrWhiteSpace(e!["message"]!.GetValue<string>())));
            return reply.ValidationErrors.Select(e => (e!["questionID"]?.GetValue<long>(), e["code"]!.GetValue<string>())).ToArray();
        }

        (long, object)[] valid = [(single, new[] { a }), (multi, new[] { x }), (drop, new[] { one }), (rate, 3), (nps, 7)];
        (long, object)[] With(long question, object answer) => [.. valid.Where(v => v.Item1 != question), (question, answer)];

        Assert.Equal([(single, "required"), (multi, "required"), (drop, "required"), (rate, "required"), (nps, "required")], await ErrorsAsync());
        Assert.Equal([(single, "required"), (multi, "required")], await ErrorsAsync([.. valid.Where(v => v.Item1 != single && v.Item1 != multi)]));
        Assert.Equal([(multi, "required")], await ErrorsAsync(With(multi, Array.Empty<long>())));
        Assert.Equal([(single, "unknown_option")], await ErrorsAsync(With(single, new[] { x })));
        Assert.Equal([(single, "too_many_choices")], await ErrorsAsync(With(single, new[] { a, b })));
        Assert.Equal([(drop, "too_many_choices")], await ErrorsAsync(With(drop, new[] { one, two })));
        Assert.Equal([(multi, "duplicate_option")], await ErrorsAsync(With(multi, new[] { x, x })));
        Assert.Equal([(rate, "out_of_range")], await ErrorsAsync(With(rate, 6)));
        Assert.Equal([(rate, "out_of_range")], await ErrorsAsync(With(rate, 0)));
        Assert.Equal([(nps, "out_of_range")], await ErrorsAsync(With(nps, 11)));
        Assert.Equal([(nps, "out_of_range")], await ErrorsAsync(With(nps, -1)));
        Assert.Equal([(rate, "not_a_whole_number")], await ErrorsAsync(With(rate, 2.5m)));
        Assert.Equal([(rate, "wrong_answer_type")], await ErrorsAsync(With(rate, new[] { a })));
        Assert.Equal([(single, "wrong_answer_type")], await ErrorsAsync(With(single, "A")));
        Assert.Equal([(text, "wrong_answer_type")], await ErrorsAsync([.. valid, (text, 5)]));
        Assert.Equal([(text, "too_long")], await ErrorsAsync([.. valid, (text, new string('t', 5001))]));
        Assert.Equal([(text, "invalid_text")], await ErrorsAsync([.. valid, (text, "bell\u0007")]));
        Assert.Equal([(999_999, "unknown_question")], await ErrorsAsync([.. valid, (999_999, 1)]));
        Assert.Equal([(rate, "duplicate_answer")], await ErrorsAsync([.. valid, (rate, 4)]));
        // Several at once, in the page's question order.
        Assert.Equal([(single, "unknown_option"), (rate, "out_of_range"), (nps, "required")],
            await ErrorsAsync((rate, 9), (single, new[] { one }), (multi, new[] { x }), (drop, new[] { two })));

        var tenant = (await host.Get<Core.Tenants.TenantStore>().FindByKeyAsync(key, default))!.TenantId;
        var session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        Assert.Equal((0, 0), (session.Step, session.PageIndex));
        Assert.Empty(session.Answers);

        // Blank text is an unanswered optional question; the corrected page goes through with the token used all along.
        var done = await host.Http.SubmitAnswersAsync(key, survey.Id(), page.Token, [.. valid, (text, "   ")]);
        Assert.Equal("survey_complete", done.ResponseStatus);
        session = Assert.Single(await host.Get<SessionStore>().ListRespondentSessionsAsync(tenant, customer, survey.Uuid(), default));
        Assert.Equal(5, session.Answers.Count);
    }
}
