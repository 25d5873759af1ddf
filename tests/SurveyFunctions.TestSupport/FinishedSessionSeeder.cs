using Azure.Data.Tables;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.TestSupport;

/// <summary>A question of the seeded survey: its id and identifier, and the option ids a choice question picks from (empty: text).</summary>
public sealed record SeedQuestion(long Id, string Identifier, IReadOnlyList<long> OptionIds);

/// <summary>
/// Writes finished sessions of one survey straight into Table Storage, in entity group transactions, as the taking flow stores
/// them (<see cref="SessionEntities"/>, <see cref="SessionKeys"/>, <see cref="CompletionKeys"/>): sessions and answers in their
/// respondents' partitions, the survey's session index, and the completion markers and tallies exports read. The results'
/// counters, which the aggregator builds from the taking flow's batches, are not written: a seeded survey's results show none
/// of these sessions. Setting up 100,000 finished sessions this way takes minutes on Azurite, not the hours of the HTTP flow.
/// For a survey that has no sessions yet.
/// </summary>
public static class FinishedSessionSeeder
{
    /// <summary>Sessions per respondent: a respondent's rows share a partition, so they batch.</summary>
    private const int SessionsPerRespondent = 40;

    public static async Task SeedAsync(TableServiceClient service, string tenantId, string surveyUuid, long surveyId,
        IReadOnlyList<SeedQuestion> questions, int count, long firstSessionId, DateTimeOffset completedAt, CancellationToken ct = default)
    {
        var sessions = service.GetTableClient(StorageNames.SessionsTable);
        var completions = service.GetTableClient(StorageNames.SessionCompletionsTable);
        var index = new Dictionary<string, List<TableTransactionAction>>();
        var markers = new Dictionary<string, List<TableTransactionAction>>();
        var tallies = new Dictionary<string, long>();
        var writes = new List<Task>();
        using var gate = new SemaphoreSlim(16);

        for (var first = 0; first < count; first += SessionsPerRespondent)
        {
            var externalId = $"seed-{surveyUuid[..8]}-{first / SessionsPerRespondent:D6}";
            var key = RespondentKeys.For(externalId);
            var respondent = new Respondent
            {
                TenantId = tenantId, Id = firstSessionId + first, ExternalId = externalId, LastAccessAt = completedAt, CreatedAt = completedAt,
            };
            var rows = new List<TableTransactionAction> { new(TableTransactionActionType.UpsertReplace, SessionEntities.ToEntity(respondent)) };
            for (var i = first; i < Math.Min(count, first + SessionsPerRespondent); i++)
            {
                var id = firstSessionId + i;
                var session = Session(tenantId, surveyUuid, surveyId, id, new SessionRespondent(respondent.Id, externalId), questions, i, completedAt);
                rows.Add(new(TableTransactionActionType.UpsertReplace, SessionEntities.ToEntity(session)));
                rows.Add(new(TableTransactionActionType.UpsertReplace, SessionEntities.ToPageEntity(session, 0, session.Answers)));
                Add(index, SessionKeys.SurveyIndexPartition(session.Locator), new TableEntity(SessionKeys.SurveyIndexPartition(session.Locator),
                    SessionKeys.IndexRow(id)) { ["SessionId"] = id, ["RespondentKey"] = key });
                var shard = Convert.ToInt32(key[..2], 16) % CompletionKeys.Shards;
                var partition = CompletionKeys.Partition(tenantId, surveyUuid, shard);
                Add(markers, partition, new TableEntity(partition, CompletionKeys.SessionRow(id))
                {
                    ["SessionId"] = id, ["Disqualified"] = false, ["CompletedAt"] = completedAt, ["Batch"] = "seed",
                });
                tallies[partition] = tallies.GetValueOrDefault(partition) + 1;
            }
            writes.Add(SubmitAsync(sessions, rows, gate, ct));
        }
        foreach (var (_, actions) in index)
            writes.Add(SubmitAsync(sessions, actions, gate, ct));
        foreach (var (_, actions) in markers)
            writes.Add(SubmitAsync(completions, actions, gate, ct));
        await Task.WhenAll(writes).ConfigureAwait(false);
        foreach (var (partition, completed) in tallies)
            await completions.UpsertEntityAsync(new TableEntity(partition, CompletionKeys.TallyRow) { ["Completed"] = completed, ["Disqualified"] = 0L },
                TableUpdateMode.Replace, ct).ConfigureAwait(false);
    }

    /// <summary>Session <paramref name="n"/>: every choice question picks option n mod its options; text questions get a short text.</summary>
    private static SurveySession Session(string tenantId, string surveyUuid, long surveyId, long id, SessionRespondent respondent,
        IReadOnlyList<SeedQuestion> questions, int n, DateTimeOffset completedAt) => new()
    {
        TenantId = tenantId,
        Id = id,
        SurveyUuid = surveyUuid,
        SurveyId = surveyId,
        Respondent = respondent,
        Language = "en",
        StartedAt = completedAt.AddMinutes(-3),
        CompletedAt = completedAt,
        IsCompleted = true,
        LastAccessAt = completedAt,
        Answers = questions.Select((q, i) => new SessionAnswer
        {
            Id = id * 100 + i,
            QuestionId = q.Id,
            QuestionIdentifier = q.Identifier,
            PageIndex = 0,
            OptionIds = q.OptionIds.Count == 0 ? [] : [q.OptionIds[n % q.OptionIds.Count]],
            Text = q.OptionIds.Count == 0 ? $"Answer number {n}, with a comma and \"quotes\"" : null,
            AnsweredAt = completedAt,
        }).ToArray(),
    };

    private static void Add(Dictionary<string, List<TableTransactionAction>> batches, string partition, TableEntity row)
    {
        if (!batches.TryGetValue(partition, out var list))
            batches[partition] = list = [];
        list.Add(new(TableTransactionActionType.UpsertReplace, row));
    }

    /// <summary>One partition's rows in transactions of at most 100.</summary>
    private static async Task SubmitAsync(TableClient table, List<TableTransactionAction> actions, SemaphoreSlim gate, CancellationToken ct)
    {
        for (var start = 0; start < actions.Count; start += 100)
        {
            await gate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await table.SubmitTransactionAsync(actions.Skip(start).Take(100), ct).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
