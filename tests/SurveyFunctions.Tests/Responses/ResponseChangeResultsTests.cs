using System.Net;
using SurveyFunctions.Core.Responses;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.SurveyResults;
using static SurveyFunctions.Tests.Infrastructure.ResponsesApi;

namespace SurveyFunctions.Tests.Responses;

/// <summary>
/// Survey results follow a survey response whose answers change after it was counted (as in Zendesk's Help Center
/// survey responses API, submitting again updates
/// the answers): a changed rating or selection moves its count, a skip takes an answer back, a question answered later is
/// added, a repeated or racing resubmission counts once, and a process that dies between saving a change and counting it
/// is made good by recovery or by the next change. Every check reads <c>GET /api/surveys/{uuid}/results</c> before the
/// aggregator runs (pending rows) and after it has drained (counters), and compares with the answers the responses hold.
/// </summary>
public sealed class ResponseChangeResultsTests(ManualJobsSurveyHost host) : IClassFixture<ManualJobsSurveyHost>
{
    [Fact]
    public async Task A_changed_rating_or_multiple_choice_selection_moves_its_count_and_a_reworded_comment_moves_none()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await CreateSurveyAsync(key);
        var first = await OfferAsync(key, survey, 1);
        var second = await OfferAsync(key, survey, 2);

        await SubmitAsync(key, survey, first, new AnswerSet(2, ["Billing", "Shipping"], "Slow"));
        await SubmitAsync(key, survey, second, new AnswerSet(5, ["Returns"], null));
        await AssertResultsAsync(key, survey, [new AnswerSet(2, ["Billing", "Shipping"], "Slow"), new AnswerSet(5, ["Returns"], null)]);

        await SubmitAsync(key, survey, first, new AnswerSet(4, ["Shipping", "Returns"], "Slow after all"));
        await AssertResultsAsync(key, survey, [new AnswerSet(4, ["Shipping", "Returns"], "Slow after all"), new AnswerSet(5, ["Returns"], null)]);

        await SubmitAsync(key, survey, first, new AnswerSet(1, ["Billing"], "Slow after all"));
        await SubmitAsync(key, survey, second, new AnswerSet(5, ["Billing", "Shipping", "Returns"], null));
        await AssertResultsAsync(key, survey, [new AnswerSet(1, ["Billing"], "Slow after all"),
            new AnswerSet(5, ["Billing", "Shipping", "Returns"], null)]);
    }

    [Fact]
    public async Task A_skipped_answer_is_taken_back_and_a_question_answered_after_being_skipped_is_added()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var survey = await CreateSurveyAsync(key);
        var response = await OfferAsync(key, survey, 3);

        await SubmitAsync(key, survey, response, new AnswerSet(3, [], null));
        await AssertResultsAsync(key, survey, [new AnswerSet(3, [], null)]);

        // Every answer flips: the rating is skipped, the topics and the comment are given for the first time.
        await SubmitAsync(key, survey, response, new AnswerSet(null, ["Returns"], "Found it"));
        await AssertResultsAsync(key, survey, [new AnswerSet(null, ["Returns"], "Found it")]);

        // And back: the rating skipped a moment ago is answered again, the others skipped.
        await SubmitAsync(key, survey, response, new AnswerSet(5, [], null));
        await AssertResultsAsync(key, survey, [new AnswerSet(5, [], null)]);
    }

    [Fact]
    public async Task The_same_resubmission_repeated_or_sent_eight_times_at_once_changes_no_count()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await CreateSurveyAsync(key);
        var response = await OfferAsync(key, survey, 4);
        var initial = new AnswerSet(2, ["Billing"], "Hm");
        var changed = new AnswerSet(4, ["Shipping"], "Hm");

        for (var i = 0; i < 3; i++)
            await SubmitAsync(key, survey, response, initial);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SubmitAsync(key, survey, response, initial)));
        await AssertResultsAsync(key, survey, [initial]);

        for (var i = 0; i < 3; i++)
            await SubmitAsync(key, survey, response, changed);
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SubmitAsync(key, survey, response, changed)));
        await AssertResultsAsync(key, survey, [changed]);
        // One change, one revision, however often it was sent.
        var session = await SessionAsync(tenant, response);
        Assert.Equal((1, 1, 0), (session.RevisionOf(survey.Questions["score"]), session.RevisionOf(survey.Questions["topics"]),
            session.RevisionOf(survey.Questions["comment"])));
    }

    [Fact]
    public async Task Eight_racing_resubmissions_with_different_answers_end_with_counts_equal_to_the_stored_answers()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await CreateSurveyAsync(key);
        var responses = await Task.WhenAll(Enumerable.Range(10, 3).Select(responder => OfferAsync(key, survey, responder)));
        await Task.WhenAll(responses.Select(r => SubmitAsync(key, survey, r, new AnswerSet(3, ["Billing"], "First"))));

        for (var round = 0; round < 2; round++)
        {
            var variant = round;
            await Task.WhenAll(responses.SelectMany(r => Enumerable.Range(0,
                8).Select(i => SubmitAsync(key, survey, r, AnswerSet.Variant(i + variant)))));
            // Which submission of each response won is the storage's call: the counts must match whatever is stored.
            var stored = await Task.WhenAll(responses.Select(async r => AnswerSet.Stored(survey, await SessionAsync(tenant, r))));
            Assert.Contains(stored, s => s != new AnswerSet(3, ["Billing"], "First"));
            await AssertResultsAsync(key, survey, stored);
        }
    }

    [Fact]
    public async Task A_change_whose_process_died_between_save_and_count_is_counted_by_recovery_or_the_next_change()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await CreateSurveyAsync(key);
        var recovery = host.Get<UncountedSessionRecovery>();
        await SurveyJobs.DrainRecoveryAsync(host); // markers other tests left, out of the way
        var other = await OfferAsync(key, survey, 20);
        await SubmitAsync(key, survey, other, new AnswerSet(4, ["Returns"], null));

        // A counted response changes its rating from 2 to 4 and its process dies after the save, before the count: the
        // results still show the 2 (nothing taken back that was not replaced) until recovery counts the change, once.
        var response = await OfferAsync(key, survey, 21);
        await SubmitAsync(key, survey, response, new AnswerSet(2, ["Billing"], "Ok"));
        await SaveWithoutCountingAsync(await SessionAsync(tenant, response), Rated(survey, 4));
        await AssertResultsAsync(key, survey, [new AnswerSet(4, ["Returns"], null), new AnswerSet(2, ["Billing"], "Ok")]);
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None)); // young: maybe still counting
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await recovery.RunAsync(CancellationToken.None));
        await AssertResultsAsync(key, survey, [new AnswerSet(4, ["Returns"], null), new AnswerSet(4, ["Billing"], "Ok")]);
        Assert.Equal(0, await recovery.RunAsync(CancellationToken.None));

        // It dies again after saving 4 → 5; before recovery runs, the responder changes the rating to 1 over HTTP. That
        // change counts the 5 first, so it takes back exactly what was counted; recovery later changes nothing.
        await SaveWithoutCountingAsync(await SessionAsync(tenant, response), Rated(survey, 5));
        await SubmitAsync(key, survey, response, new AnswerSet(1, ["Billing"], "Ok"));
        await AssertResultsAsync(key, survey, [new AnswerSet(4, ["Returns"], null), new AnswerSet(1, ["Billing"], "Ok")]);
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await recovery.RunAsync(CancellationToken.None));
        await AssertResultsAsync(key, survey, [new AnswerSet(4, ["Returns"], null), new AnswerSet(1, ["Billing"], "Ok")]);

        // The first submission itself dies uncounted, then a resubmission changes its rating: the change counts the first
        // answer before taking it back, so no count ever goes below zero; recovery then finds everything counted.
        var late = await OfferAsync(key, survey, 22);
        await SaveWithoutCountingAsync(await SessionAsync(tenant, late), stored => [Answer(survey, "score", 0, stored, 3)]);
        await SubmitAsync(key, survey, late, new AnswerSet(5, ["Shipping"], null));
        var expected = new[] { new AnswerSet(4, ["Returns"], null), new AnswerSet(1, ["Billing"], "Ok"), new AnswerSet(5, ["Shipping"], null) };
        await AssertResultsAsync(key, survey, expected);
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(1, await recovery.RunAsync(CancellationToken.None));
        await AssertResultsAsync(key, survey, expected);
    }

    [Fact]
    public async Task An_answer_changed_before_revisions_were_recorded_has_what_was_counted_taken_back_on_its_next_change()
    {
        var (tenant, key, _) = await host.Http.CreateTenantAsync();
        var survey = await CreateSurveyAsync(key);
        var response = await OfferAsync(key, survey, 30);
        await SubmitAsync(key, survey, response, new AnswerSet(2, ["Billing"], null));

        // What the earlier version left: the stored rating and topics changed to 4 and Shipping, the counters kept 2 and Billing.
        var stored = await SessionAsync(tenant, response);
        var topics = stored.AnswerTo(survey.Questions["topics"])! with { OptionIds = [survey.Options["Shipping"]] };
        var changedBefore = stored with { Answers = [.. Rated(survey, 4)(stored).Where(a => a.QuestionId != topics.QuestionId), topics],
            Step = stored.Step + 1 };
        Assert.NotNull(await host.Get<SessionStore>().SavePagesAsync(stored, changedBefore, [0], default));
        await AssertResultsAsync(key, survey, [new AnswerSet(2, ["Billing"], null)]);

        // Their next change takes back the 2 and Billing that were counted, not the 4 and Shipping that were stored.
        await SubmitAsync(key, survey, response, new AnswerSet(5, ["Returns"], null));
        await AssertResultsAsync(key, survey, [new AnswerSet(5, ["Returns"], null)]);
    }

    private async Task<SurveyIds> CreateSurveyAsync(string key) => IdsOf(await host.Http.CreateStartedSurveyAsync(key, AnswerSet.SurveyBody()));

    private async Task<string> OfferAsync(string key, SurveyIds survey,
        long responder) => (await host.Http.CreateResponseAsync(key, survey.Uuid, responder)).Id;

    private async Task SubmitAsync(string key, SurveyIds survey, string response, AnswerSet answers)
    {
        var reply = await host.Http.SubmitResponseAsync(response, answers.ToAnswers(survey), apiKey: key);
        Assert.True(reply.Status == HttpStatusCode.OK, $"submit: {(int)reply.Status} {reply.Body?.ToJsonString()}");
    }

    /// <summary>The results match <paramref name="responses"/> exactly: before aggregation (with pending rows) and after it.</summary>
    private async Task AssertResultsAsync(string key, SurveyIds survey, IReadOnlyCollection<AnswerSet> responses)
    {
        Assert.Equal(AnswerSet.Expected(responses), AnswerSet.Summary(await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid)));
        await SurveyJobs.DrainAsync(host);
        var drained = await ThreePageAnswers.ResultsAsync(host.Http, key, survey.Uuid);
        Assert.Equal(AnswerSet.Expected(responses), AnswerSet.Summary(drained));
        Assert.Equal(0, drained["pending_sessions"]!.GetValue<long>());
    }

    private async Task<SurveySession> SessionAsync(string tenant, string response)
    {
        var stored = await host.Get<ResponseStore>().GetAsync(tenant, response, default);
        return (await host.Get<SessionStore>().GetAsync(stored!.Session, default))!;
    }

    /// <summary>The stored answers with the rating changed to <paramref name="score"/>.</summary>
    private Func<SurveySession, IReadOnlyList<SessionAnswer>> Rated(SurveyIds survey, int score) =>
        stored => [.. stored.Answers.Where(a => a.QuestionId != survey.Questions["score"]), Answer(survey, "score", 0, stored, score)];

    private SessionAnswer Answer(SurveyIds survey, string identifier, int page, SurveySession stored, int value) => new()
    {
        Id = stored.AnswerTo(survey.Questions[identifier])?.Id ?? 900_000_000 + stored.Id,
        QuestionId = survey.Questions[identifier],
        QuestionIdentifier = identifier,
        PageIndex = page,
        Value = value,
        AnsweredAt = host.Clock.GetUtcNow(),
    };

    /// <summary>
    /// What a submission of the Responses family does (WholeSurveySubmitter.SubmitAsync), stopped after the save: the revisions
    /// it replaces are counted and the marker written, the session saved with its new answers, its own count never made.
    /// </summary>
    private async Task SaveWithoutCountingAsync(SurveySession stored, Func<SurveySession, IReadOnlyList<SessionAnswer>> answersAfter)
    {
        var now = host.Clock.GetUtcNow();
        var answers = answersAfter(stored);
        var updated = stored with
        {
            Answers = answers,
            Revisions = AnswerRevisions.After(stored, answers),
            Step = stored.Step + 1,
            PageIndex = 1,
            IsCompleted = true,
            CompletedAt = stored.CompletedAt ?? now,
            LastAccessAt = now,
        };
        var counter = host.Get<SessionAnswerCounter>();
        updated = await counter.CountBeforeChangeAsync(stored, updated);
        await counter.AnnounceAsync(stored, default);
        Assert.NotNull(await host.Get<SessionStore>().SavePagesAsync(stored, updated, [0, 1], default));
    }
}
