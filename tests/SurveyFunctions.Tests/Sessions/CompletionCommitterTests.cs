using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Tests.Storage;

namespace SurveyFunctions.Tests.Sessions;

/// <summary>
/// Counting finished sessions against Azurite, with two committers standing for two instances of the app: the response cap
/// holds across them (If-Match on the tally), a session is counted once however often and wherever it is submitted, and
/// uncapped surveys spread over shards that the count adds up.
/// </summary>
public sealed class CompletionCommitterTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Two_instances_racing_200_completions_for_a_cap_of_60_count_exactly_60()
    {
        var tables = await TablesAsync();
        var survey = Survey(new SurveySettings { StopCriteria = StopCriteria.Responses, StopResponses = 60 });
        CompletionCommitter[] instances = [new(tables), new(tables)];

        var admissions = await Task.WhenAll(Enumerable.Range(1, 200).Select(i =>
            instances[i % 2].SubmitAsync(survey, Session(survey, i, $"r{i}"), disqualified: false, Now)));

        Assert.Equal(60, admissions.Count(a => a.Result == CompletionResult.Counted));
        Assert.Equal(140, admissions.Count(a => a.Result == CompletionResult.QuotaFull));
        Assert.Equal(1, admissions.Count(a => a.CapReached));
        var completions = new SessionCompletions(tables);
        Assert.Equal((60L, 0L), await completions.CountAsync(survey.TenantId, survey.Uuid, default));
        Assert.Equal(60, (await completions.ListFinishedRespondentsAsync(survey.TenantId, survey.Uuid, default)).Count);
    }

    [Fact]
    public async Task A_session_is_counted_once_however_often_and_wherever_it_is_submitted()
    {
        var tables = await TablesAsync();
        var survey = Survey(new SurveySettings { StopCriteria = StopCriteria.Responses, StopResponses = 5 });
        CompletionCommitter[] instances = [new(tables), new(tables)];
        var session = Session(survey, 7, "same-person");

        var admissions = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => instances[i % 2].SubmitAsync(survey, session, false, Now)));
        Assert.Equal(1, admissions.Count(a => a.Result == CompletionResult.Counted));
        Assert.All(admissions, a => Assert.True(a.IsCounted));
        Assert.Equal((1L, 0L), await new SessionCompletions(tables).CountAsync(survey.TenantId, survey.Uuid, default));
    }

    [Fact]
    public async Task Disqualified_sessions_are_counted_apart_and_never_refused_by_the_cap()
    {
        var tables = await TablesAsync();
        var survey = Survey(new SurveySettings { StopCriteria = StopCriteria.Responses, StopResponses = 2 });
        var committer = new CompletionCommitter(tables);
        for (var i = 1; i <= 3; i++)
            Assert.Equal(CompletionResult.Counted, (await committer.SubmitAsync(survey, Session(survey, i, $"dq{i}"), disqualified: true,
                Now)).Result);
        Assert.Equal(CompletionResult.Counted, (await committer.SubmitAsync(survey, Session(survey, 4, "q4"), false, Now)).Result);
        var filling = await committer.SubmitAsync(survey, Session(survey, 5, "q5"), false, Now);
        Assert.True(filling.CapReached);
        Assert.Equal(CompletionResult.QuotaFull, (await committer.SubmitAsync(survey, Session(survey, 6, "q6"), false, Now)).Result);
        Assert.Equal(CompletionResult.Counted, (await committer.SubmitAsync(survey, Session(survey, 7, "dq7"), true, Now)).Result);
        Assert.Equal((2L, 4L), await new SessionCompletions(tables).CountAsync(survey.TenantId, survey.Uuid, default));
    }

    [Fact]
    public async Task Uncapped_completions_spread_over_shards_and_the_count_adds_them_up_including_those_before_a_cap()
    {
        var tables = await TablesAsync();
        var survey = Survey(SurveySettings.Default);
        var committer = new CompletionCommitter(tables);
        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => committer.SubmitAsync(survey, Session(survey, i, i % 5 == 0 ? null : $"u{i}"), false,
            Now)));

        var shardsUsed = 0;
        for (var shard = 0; shard < CompletionKeys.Shards; shard++)
        {
            var tally = await tables.Completions.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(CompletionKeys.Partition(survey.TenantId,
                survey.Uuid, shard), CompletionKeys.TallyRow);
            shardsUsed += tally.HasValue ? 1 : 0;
        }
        Assert.True(shardsUsed > 1, "uncapped completions should spread over several shards");
        var completions = new SessionCompletions(tables);
        Assert.Equal((40L, 0L), await completions.CountAsync(survey.TenantId, survey.Uuid, default));
        Assert.Equal(32, (await completions.ListFinishedRespondentsAsync(survey.TenantId, survey.Uuid, default)).Count);

        // Given a cap of 42 afterwards, the 40 earlier completions count against it: two more fit.
        var capped = survey with { Settings = new SurveySettings { StopCriteria = StopCriteria.Responses, StopResponses = 42 } };
        var fresh = new CompletionCommitter(tables);
        var admissions = await Task.WhenAll(Enumerable.Range(41, 5).Select(i => fresh.SubmitAsync(capped, Session(capped, i, $"u{i}"), false, Now)));
        Assert.Equal(2, admissions.Count(a => a.Result == CompletionResult.Counted));
        Assert.Equal((42L, 0L), await completions.CountAsync(survey.TenantId, survey.Uuid, default));
    }

    private async Task<SessionTables> TablesAsync()
    {
        var tables = new SessionTables(storage.Tables);
        await tables.EnsureCreatedAsync(default);
        return tables;
    }

    private static Survey Survey(SurveySettings settings) => Surveys.SurveyRulesTests.NewSurvey(settings, SurveyStatus.Active) with
    {
        TenantId = "tnt_" + Guid.NewGuid().ToString("N")[..12],
        Uuid = Guid.NewGuid().ToString("D"),
    };

    private static SurveySession Session(Survey survey, long id, string? externalId) => new()
    {
        TenantId = survey.TenantId,
        Id = id,
        SurveyUuid = survey.Uuid,
        SurveyId = survey.Id,
        Respondent = externalId is null ? null : new SessionRespondent(1000 + id, externalId),
        StartedAt = Now,
        LastAccessAt = Now,
    };
}
