using Azure.Data.Tables;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Tests.Storage;

namespace SurveyFunctions.Tests.Sessions;

/// <summary>The session store against Azurite: what one transaction writes, what each read returns, and the If-Match on sessions.</summary>
public sealed class SessionStoreTests(StorageFixture storage) : IClassFixture<StorageFixture>
{
    private static readonly DateTimeOffset Now = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_respondents_sessions_answers_and_profile_are_one_partition_read_by_survey_or_all_at_once()
    {
        var (store, tables, tenant) = await StoreAsync();
        var profile = Profile(tenant, "user_12345", 7);
        var first = await store.CreateAsync(Session(tenant, 10, "survey-a", profile), profile, null, null, default);
        Assert.NotNull(first);
        // A second session of the same respondent in another survey merges the profile (nulls keep stored values).
        var second = await store.CreateAsync(Session(tenant, 11, "survey-b", profile), null,
            new RespondentDetails("es", IsMobile: true, Country: null, Region: "Madrid", City: null, Lat: null, Lon: null), null, default);
        Assert.NotNull(second);

        var answered = first with
        {
            Step = 1,
            PageIndex = 1,
            Language = "en",
            LastAccessAt = Now.AddMinutes(1),
            Answers = [Answer(100, 1, 0, options: [5, 6]), Answer(101, 2, 0, value: 4), Answer(102, 3, 0, text: "¡Hola! 👋")],
        };
        var saved = await store.SaveAsync(first, answered, 0, default);
        Assert.NotNull(saved);
        Assert.NotEqual(first.ETag, saved.ETag);

        var read = await store.GetAsync(first.Locator, default);
        Assert.Equal(answered.Answers, read!.Answers);
        Assert.Equal((1, 1, "en"), (read.Step, read.PageIndex, read.Language));

        Assert.Equal([10L], (await store.ListRespondentSessionsAsync(tenant, "user_12345", "survey-a", default)).Select(s => s.Id));
        var all = await store.GetRespondentWithSessionsAsync(tenant, "user_12345", default);
        Assert.Equal([10L, 11L], all!.Value.Sessions.Select(s => s.Id));
        Assert.Equal(3, all.Value.Sessions[0].Answers.Count);
        var respondent = all.Value.Respondent;
        // The latest session's language ("en", saved last) wins; Madrid was merged in; the country given first stays.
        Assert.Equal((7L, "en", true, "US", "Madrid", (string?)null, Now.AddMinutes(1)),
            (respondent.Id, respondent.Language, respondent.IsMobile, respondent.Country, respondent.Region, respondent.City,
                respondent.LastAccessAt));
        Assert.Null(await store.GetRespondentWithSessionsAsync(tenant, "nobody", default));

        // One partition holds it all: profile, two sessions, one page of answers.
        var partition = SessionKeys.RespondentPartition(tenant, RespondentKeys.For("user_12345"));
        var rows = tables.Sessions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"));
        Assert.Equal(4, await rows.CountAsync());
    }

    [Fact]
    public async Task A_save_from_a_stale_read_changes_nothing_and_returns_null()
    {
        var (store, _, tenant) = await StoreAsync();
        var session = (await store.CreateAsync(Session(tenant, 20, "survey-a", null), null, null, null, default))!;
        var winner = await store.SaveAsync(session, session with { Step = 1, PageIndex = 1, Answers = [Answer(1, 1, 0, value: 1)] }, 0, default);
        Assert.NotNull(winner);
        Assert.Null(await store.SaveAsync(session, session with { Step = 1, PageIndex = 1, Answers = [Answer(2, 1, 0, value: 5)] }, 0, default));
        var stored = await store.GetAsync(session.Locator, default);
        Assert.Equal(1, stored!.Answers.Single().Value);
    }

    [Fact]
    public async Task A_page_saved_again_replaces_only_that_pages_answers()
    {
        var (store, _, tenant) = await StoreAsync();
        var session = (await store.CreateAsync(Session(tenant, 30, "survey-a", null), null, null, null, default))!;
        var two = (await store.SaveAsync(session, session with { Step = 1, Answers = [Answer(1, 1, 0, value: 1), Answer(2, 2, 0, value: 2)] }, 0,
            default))!;
        var three = (await store.SaveAsync(two, two with { Step = 2, Answers = [.. two.Answers, Answer(3, 3, 1, text: "p2")] }, 1, default))!;
        var again = (await store.SaveAsync(three, three with { Step = 3, Answers = [Answer(1, 1, 0, value: 9), Answer(3, 3, 1, text: "p2")] }, 0,
            default))!;
        var read = await store.GetAsync(again.Locator, default);
        Assert.Equal([(1L, 0, (long?)9), (3L, 1, null)], read!.Answers.Select(a => (a.QuestionId, a.PageIndex, a.Value)));
    }

    [Fact]
    public async Task Sessions_with_neighbouring_ids_never_read_each_others_rows()
    {
        var (store, _, tenant) = await StoreAsync();
        var profile = Profile(tenant, "neighbour", 1);
        var nine = (await store.CreateAsync(Session(tenant, 9, "survey-a", profile), profile, null, null, default))!;
        var ninety = (await store.CreateAsync(Session(tenant, 90, "survey-a", profile), null, null, null, default))!;
        await store.SaveAsync(nine, nine with { Step = 1, Answers = [Answer(1, 1, 0, value: 1)] }, 0, default);
        await store.SaveAsync(ninety, ninety with { Step = 1, Answers = [Answer(2, 1, 0, value: 2)] }, 0, default);
        Assert.Equal(1, (await store.GetAsync(nine.Locator, default))!.Answers.Single().Value);
        Assert.Equal(2, (await store.GetAsync(ninety.Locator, default))!.Answers.Single().Value);
    }

    [Fact]
    public async Task A_respondent_created_twice_at_once_is_created_once()
    {
        var (store, _, tenant) = await StoreAsync();
        var profile = Profile(tenant, "racer", 5);
        Assert.NotNull(await store.CreateAsync(Session(tenant, 40, "survey-a", profile), profile, null, null, default));
        var lost = Profile(tenant, "racer", 6);
        Assert.Null(await store.CreateAsync(Session(tenant, 41, "survey-a", lost), lost, null, null, default));
        Assert.Null(await store.GetAsync(Session(tenant, 41, "survey-a", lost).Locator, default));
        Assert.Equal(5, (await store.GetRespondentAsync(tenant, "racer", default))!.Id);
    }

    [Fact]
    public async Task A_session_is_not_started_against_a_profile_that_changed_since_it_was_read()
    {
        var (store, _, tenant) = await StoreAsync();
        var profile = Profile(tenant, "returning", 8);
        Assert.NotNull(await store.CreateAsync(Session(tenant, 50, "survey-a", profile), profile, null, null, default));
        var read = (await store.GetRespondentAsync(tenant, "returning", default))!;
        Assert.False(string.IsNullOrEmpty(read.ETag));

        // Another start of the same respondent wins with the profile as read; this one, holding the same read, must lose.
        Assert.NotNull(await store.CreateAsync(Session(tenant, 51, "survey-b", profile), null, null, read.ETag, default));
        Assert.Null(await store.CreateAsync(Session(tenant, 52, "survey-b", profile), null, null, read.ETag, default));
        Assert.Null(await store.GetAsync(Session(tenant, 52, "survey-b", profile).Locator, default));

        // Read again, it goes through.
        var again = (await store.GetRespondentAsync(tenant, "returning", default))!;
        Assert.NotEqual(read.ETag, again.ETag);
        Assert.NotNull(await store.CreateAsync(Session(tenant, 53, "survey-c", profile), null, null, again.ETag, default));
    }

    private async Task<(SessionStore Store, SessionTables Tables, string Tenant)> StoreAsync()
    {
        var tables = new SessionTables(storage.Tables);
        await tables.EnsureCreatedAsync(default);
        return (new SessionStore(tables), tables, "tnt_" + Guid.NewGuid().ToString("N")[..12]);
    }

    private static Respondent Profile(string tenant, string externalId, long id) => new()
    {
        TenantId = tenant,
        Id = id,
        ExternalId = externalId,
        Language = "en",
        Country = "US",
        LastAccessAt = Now,
        CreatedAt = Now,
    };

    private static SurveySession Session(string tenant, long id, string survey, Respondent? respondent) => new()
    {
        TenantId = tenant,
        Id = id,
        SurveyUuid = survey,
        SurveyId = 1,
        Respondent = respondent is null ? null : new SessionRespondent(respondent.Id, respondent.ExternalId),
        StartedAt = Now,
        LastAccessAt = Now,
    };

    private static SessionAnswer Answer(long id, long question, int page, long[]? options = null, long? value = null, string? text = null) => new()
    {
        Id = id,
        QuestionId = question,
        QuestionIdentifier = "q" + question,
        PageIndex = page,
        OptionIds = options ?? [],
        Value = value,
        Text = text,
        AnsweredAt = Now,
    };
}
