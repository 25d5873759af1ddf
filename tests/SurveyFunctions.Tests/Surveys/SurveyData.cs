using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.SurveyResults;

namespace SurveyFunctions.Tests.Surveys;

/// <summary>What <see cref="SurveyData.CollectAsync"/> left in one survey, for reading it back through each family.</summary>
public sealed record CollectedData(string Uuid, string SurveyId, string TakeToken, string PanelistKey, string ResponseId, string ResponseToken);

/// <summary>
/// Fills a <see cref="TakeApi.ThreePageSurvey"/> with data through every family that collects: Take sessions (identified
/// respondents completed, disqualified and half-way, and an anonymous one), a panelist with a session, and a survey response
/// with answers. The same respondents (<see cref="Customers"/>) take every survey, so their profiles are shared across surveys.
/// And <see cref="SeedLookalikeAsync"/> writes rows of a survey that only looks like another one (same uuid in another
/// tenant, or a uuid that shares a prefix), in each table's own key layout, for isolation tests.
/// </summary>
public static class SurveyData
{
    public static readonly string[] Customers = ["alice", "bob", "carol"];
    public const string Panelist = "panel-1";
    public const long Responder = 4242;

    public static async Task<CollectedData> CollectAsync(HttpClient http, string key, JsonNode survey)
    {
        var id = survey.Id();
        var (aliceToken, completed) = await ThreePageAnswers.Varied(0).TakeAsync(http, key, id, Customers[0]);
        Assert.Equal("survey_complete", completed.ResponseStatus);
        Assert.Equal("terminated", (await ThreePageAnswers.Varied(3).TakeAsync(http, key, id, Customers[1])).Final.ResponseStatus);
        await ThreePageAnswers.Varied(2).TakeToLastPageAsync(http, key, id, Customers[2]);
        Assert.Equal("survey_complete", (await ThreePageAnswers.Varied(1).TakeAsync(http, key, id)).Final.ResponseStatus);

        var publicKey = await http.PublicKeyAsync(key, survey.Uuid(), Panelist);
        var opened = await http.OpenAsync(publicKey);
        Assert.Equal("success", opened.Status());
        var answered = await http.SubmitAsync(publicKey, opened.SessionToken(),
            (opened.QuestionId(ThreePageAnswers.UsesQuestion), new[] { opened.OptionId(ThreePageAnswers.UsesQuestion, "Yes") }),
            (opened.QuestionId(ThreePageAnswers.SatisfactionQuestion), 4));
        Assert.Equal("success", answered.Status());

        var (responseId, accessToken, _) = await http.CreateResponseAsync(key, survey.Uuid(), Responder, ["zen:ticket:7"]);
        var ids = ResponsesApi.IdsOf(survey);
        var submitted = await http.SubmitResponseAsync(responseId, ResponsesApi.Answers(
            ResponsesApi.Choice(ids.Questions["qUses"], ids.Options["Yes"]),
            ResponsesApi.Rating(ids.Questions["qSatisfaction"], 4),
            ResponsesApi.Choice(ids.Questions["qOften"], ids.Options["Weekly"]),
            ResponsesApi.Rating(ids.Questions["qNps"], 9)), apiKey: key);
        Assert.True(submitted.Status == HttpStatusCode.OK, $"submit response: {(int)submitted.Status} {submitted.Body?.ToJsonString()}");

        return new CollectedData(survey.Uuid(), id, aliceToken, publicKey, responseId, accessToken);
    }

    /// <summary>
    /// Rows as a survey <paramref name="uuid"/> of <paramref name="tenantId"/> would have them in every table the purge
    /// deletes from: a session and its index row, a completion tally, a voter, a counter and a counting marker, a panelist
    /// and its key row, a survey response. Written straight to storage: no real survey can have a uuid that shares a prefix.
    /// </summary>
    public static async Task SeedLookalikeAsync(TableServiceClient service, string tenantId, string uuid, DateTimeOffset now)
    {
        const long sessionId = 987654321;
        var respondent = RespondentKeys.For("lookalike-respondent");
        var sessions = service.GetTableClient(StorageNames.SessionsTable);
        await sessions.AddEntityAsync(new TableEntity(SessionKeys.RespondentPartition(tenantId, respondent),
            SessionKeys.SessionRow(uuid, sessionId)) { ["Kind"] = "lookalike" });
        await sessions.AddEntityAsync(new TableEntity(SessionKeys.SurveyIndexPartition(tenantId, uuid,
            (int)(sessionId % SessionKeys.SurveyIndexShards)), SessionKeys.IndexRow(sessionId))
        {
            ["SessionId"] = sessionId,
            ["RespondentKey"] = respondent,
        });
        await service.GetTableClient(StorageNames.SessionCompletionsTable).AddEntityAsync(new TableEntity(CompletionKeys.Partition(tenantId, uuid, 0),
            CompletionKeys.TallyRow) { ["Completed"] = 1L });

        var votes = service.GetTableClient(StorageNames.PollVotesTable);
        var partition = VoteKeys.Partition(SurveyCounterKeys.PartitionIndex(sessionId));
        await votes.AddEntityAsync(new TableEntity(partition,
            VoteKeys.VoterRow(SurveyCounterKeys.CompletedSessions(tenantId, uuid), SurveyCounterKeys.Voter(sessionId))));
        await votes.AddEntityAsync(new TableEntity(partition, VoteKeys.CounterRow(SurveyCounterKeys.Question(tenantId, uuid, 1))) { ["Total"] = 1L });
        // A marker far in the future, so no recovery run in another test takes it for a stranded completion.
        await votes.AddEntityAsync(new TableEntity(partition, SurveyCounterKeys.MarkerRow(now.AddYears(50))) { ["TenantId"] = tenantId,
            ["SurveyUuid"] = uuid, ["SessionId"] = sessionId });

        var panelists = service.GetTableClient(StorageNames.PanelistsTable);
        var keyId = "lookalike" + Guid.NewGuid().ToString("N")[..11];
        await panelists.AddEntityAsync(new TableEntity($"{tenantId}|{uuid}|{RespondentKeys.For(Panelist)}", "") { ["PanelistId"] = Panelist,
            ["KeyId"] = keyId });
        await panelists.AddEntityAsync(new TableEntity("key|" + keyId, "") { ["TenantId"] = tenantId, ["SurveyUuid"] = uuid });

        await service.GetTableClient(StorageNames.SurveyResponsesTable).AddEntityAsync(
            new TableEntity(tenantId, "a|" + Guid.NewGuid().ToString("N").ToUpperInvariant()) { ["SurveyUuid"] = uuid,
                ["ResponseId"] = "lookalike" });
    }
}
