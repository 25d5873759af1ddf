using Azure;
using Azure.Data.Tables;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// Sessions, their answers and respondent profiles in the <c>sessions</c> table (<see cref="SessionKeys"/>). Every read is
/// one single-partition query or point read; every write is one entity group transaction in one partition, so a session,
/// its answers and its respondent's profile never disagree. Session rows are written with If-Match on the ETag they were
/// read with: two submissions racing on one session cannot both apply.
/// </summary>
public sealed class SessionStore(SessionTables tables)
{
    /// <summary>The session with its answers (page by page, in the order given), or null. One range query in one partition.</summary>
    public async Task<SurveySession?> GetAsync(SessionLocator locator, CancellationToken ct)
    {
        var (from, to) = SessionKeys.SessionRange(locator.SurveyUuid, locator.SessionId);
        var sessions = await QuerySessionsAsync(locator.TenantId, RangeFilter(SessionKeys.Partition(locator), from, to), ct).ConfigureAwait(false);
        return sessions.Sessions.FirstOrDefault(s => s.Id == locator.SessionId);
    }

    /// <summary>The respondent with this external id, or null (one point read).</summary>
    public async Task<Respondent?> GetRespondentAsync(string tenantId, string externalId, CancellationToken ct)
    {
        var row = await tables.Sessions.GetOrNullAsync(SessionKeys.RespondentPartition(tenantId, RespondentKeys.For(externalId)),
            SessionKeys.ProfileRow, ct: ct).ConfigureAwait(false);
        return row is null ? null : SessionEntities.ToRespondent(tenantId, row);
    }

    /// <summary>
    /// A respondent's sessions (with answers) in one survey, in session id order: one range query in the respondent's partition. Empty
    /// for an unknown respondent. This is the Account family's <c>sessions-by-respondent</c>.
    /// </summary>
    public async Task<IReadOnlyList<SurveySession>> ListRespondentSessionsAsync(string tenantId, string externalId, string surveyUuid,
        CancellationToken ct) =>
        (await GetRespondentWithSurveySessionsAsync(tenantId, externalId, surveyUuid, withProfile: false, ct).ConfigureAwait(false)).Sessions;

    /// <summary>
    /// The respondent's profile (null when unknown) and their sessions in one survey, in one query of their partition. The
    /// profile row sorts first and a query reads in key order, so the profile is read before the sessions: a session started
    /// after that read rewrote the profile in its own transaction, so <see cref="CreateAsync"/> If-Match this profile's ETag
    /// refuses to start another beside it (what keeps concurrent first calls to one session).
    /// </summary>
    public Task<(Respondent? Profile, IReadOnlyList<SurveySession> Sessions)> GetRespondentWithSurveySessionsAsync(string tenantId, string externalId,
        string surveyUuid, CancellationToken ct) =>
        GetRespondentWithSurveySessionsAsync(tenantId, externalId, surveyUuid, withProfile: true, ct);

    private Task<(Respondent? Profile, IReadOnlyList<SurveySession> Sessions)> GetRespondentWithSurveySessionsAsync(string tenantId,
        string externalId, string surveyUuid, bool withProfile, CancellationToken ct)
    {
        var (from, to) = SessionKeys.SurveyRange(surveyUuid);
        var partition = SessionKeys.RespondentPartition(tenantId, RespondentKeys.For(externalId));
        var filter = withProfile
            ? TableClient.CreateQueryFilter(
                $"PartitionKey eq {partition} and (RowKey eq {SessionKeys.ProfileRow} or (RowKey ge {from} and RowKey lt {to}))")
            : RangeFilter(partition, from, to);
        return QuerySessionsAsync(tenantId, filter, ct);
    }

    /// <summary>
    /// A respondent's profile and every session (with answers) across surveys, in survey then session id order; null for an unknown
    /// respondent. One query over the respondent's partition: the Account family's <c>respondents/{respondent_id}</c>.
    /// </summary>
    public async Task<(Respondent Respondent, IReadOnlyList<SurveySession> Sessions)?> GetRespondentWithSessionsAsync(string tenantId,
        string externalId, CancellationToken ct)
    {
        var partition = SessionKeys.RespondentPartition(tenantId, RespondentKeys.For(externalId));
        var (_, to) = SessionKeys.AllSessionsRange;
        // From the profile row ("") up to the end of the session rows.
        var result = await QuerySessionsAsync(tenantId, RangeFilter(partition, SessionKeys.ProfileRow, to), ct).ConfigureAwait(false);
        return result.Profile is null ? null : (result.Profile, result.Sessions);
    }

    /// <summary>
    /// Stores a new session. For a session with a respondent, the respondent's profile changes in the same transaction:
    /// <paramref name="newRespondent"/> is added when this session creates the respondent, else <paramref name="details"/>
    /// are merged into the existing profile, If-Match <paramref name="profileETag"/> when given. Every session start and
    /// save of a respondent rewrites that profile row, so its ETag says "nothing of this respondent changed since I read it":
    /// that is what keeps two concurrent first calls of one respondent from starting two sessions. Null when the profile is
    /// not as the caller read it (created, changed or deleted meanwhile): read again and decide again.
    /// </summary>
    /// <remarks>
    /// The session's row in its survey's session index (<see cref="SessionKeys.SurveyIndexPartition(SessionLocator)"/>) is
    /// written first, so every stored session is indexed; an index row whose session never got stored (a lost race, a crash)
    /// names nothing, and the survey's purge deletes it with the rest.
    /// </remarks>
    public async Task<SurveySession?> CreateAsync(SurveySession session, Respondent? newRespondent, RespondentDetails? details, string? profileETag,
        CancellationToken ct)
    {
        await tables.Sessions.UpsertEntityAsync(IndexEntity(session.Locator), TableUpdateMode.Replace, ct).ConfigureAwait(false);
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Add, SessionEntities.ToEntity(session)) };
        if (session.Respondent is { } respondent)
        {
            var key = RespondentKeys.For(respondent.ExternalId);
            if (newRespondent is not null)
                actions.Add(new(TableTransactionActionType.Add, SessionEntities.ToEntity(newRespondent)));
            else
                actions.Add(new(TableTransactionActionType.UpdateMerge,
                    SessionEntities.ProfileUpdate(session.TenantId, key,
                        details ?? new RespondentDetails(null, session.IsMobile, null, null, null, null, null), session.StartedAt),
                    profileETag is null ? ETag.All : new ETag(profileETag)));
        }
        try
        {
            var etags = await tables.Sessions.SubmitAsync(actions, ct).ConfigureAwait(false);
            return session with { ETag = etags[0] };
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412 or 404 && session.Respondent is not null
            && ex.FailedTransactionActionIndex == 1)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes <paramref name="updated"/>, a changed copy of <paramref name="original"/> as it was read, in one transaction of at
    /// most three rows: the session row with If-Match on the original's ETag; when <paramref name="pageIndex"/> is given, that
    /// page's answers (replacing what the page held); and the respondent's last access and language. Returns the stored session
    /// with its new ETag, or null when the session changed since it was read (the caller reads it again and decides).
    /// </summary>
    public Task<SurveySession?> SaveAsync(SurveySession original, SurveySession updated, int? pageIndex, CancellationToken ct) =>
        SavePagesAsync(original, updated, pageIndex is { } page ? [page] : [], ct);

    /// <summary>
    /// <see cref="SaveAsync"/> for answers given on several pages at once (the Responses family submits a whole survey): every
    /// page in <paramref name="pageIndexes"/> is rewritten in the same transaction (a survey has at most 50 pages, so the
    /// transaction stays within its 100 rows).
    /// </summary>
    public async Task<SurveySession?> SavePagesAsync(SurveySession original, SurveySession updated, IReadOnlyCollection<int> pageIndexes,
        CancellationToken ct)
    {
        if (original.ETag is null || original.Locator != updated.Locator)
            throw new ArgumentException("SaveAsync takes a stored session and a changed copy of it.", nameof(updated));

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, SessionEntities.ToEntity(updated),
            new ETag(original.ETag)) };
        foreach (var page in pageIndexes.Distinct())
            actions.Add(new(TableTransactionActionType.UpsertReplace,
                SessionEntities.ToPageEntity(updated, page, updated.Answers.Where(a => a.PageIndex == page).ToArray())));
        if (updated.Respondent is { } respondent)
        {
            var touch = SessionEntities.Touch(updated.TenantId, RespondentKeys.For(respondent.ExternalId), updated.LastAccessAt);
            if (updated.Language is not null)
                touch["Language"] = updated.Language;
            actions.Add(new(TableTransactionActionType.UpdateMerge, touch, ETag.All));
        }
        try
        {
            var etags = await tables.Sessions.SubmitAsync(actions, ct).ConfigureAwait(false);
            return updated with { ETag = etags[0] };
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404 && ex.FailedTransactionActionIndex is null or 0)
        {
            return null;
        }
    }

    /// <summary>
    /// Deletes up to about <paramref name="limit"/> rows of the survey's sessions (session and answer rows, then each session's
    /// index row), walking the survey's session index; returns how many rows it deleted (fewer than the limit: none is left).
    /// Respondent profiles stay: they are the tenant's, and may have sessions in other surveys. Safe to run again and side by
    /// side with itself: a session already gone is simply not found.
    /// </summary>
    public async Task<int> DeleteSurveySessionsAsync(string tenantId, string surveyUuid, int limit, CancellationToken ct)
    {
        var deleted = 0;
        for (var shard = 0; shard < SessionKeys.SurveyIndexShards && deleted < limit; shard++)
        {
            var partition = SessionKeys.SurveyIndexPartition(tenantId, surveyUuid, shard);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var entry in tables.Sessions.QueryAsync<TableEntity>(filter, maxPerPage: TableClientExtensions.MaxTransactionActions,
                cancellationToken: ct).ConfigureAwait(false))
            {
                if (deleted >= limit)
                    break;
                var locator = new SessionLocator(tenantId, surveyUuid, entry.GetInt64(IndexSessionId) ?? 0, entry.GetString(IndexRespondentKey));
                var (from, to) = SessionKeys.SessionRange(surveyUuid, locator.SessionId);
                deleted += await tables.Sessions.DeleteRangeAsync(SessionKeys.Partition(locator), from, to, ct: ct).ConfigureAwait(false);
                // The index row last: should this stop before it, the next run finds the session again.
                await tables.Sessions.DeleteEntityAsync(partition, entry.RowKey, ETag.All, ct).ConfigureAwait(false);
                deleted++;
            }
        }
        return deleted;
    }

    internal const string IndexSessionId = "SessionId";
    internal const string IndexRespondentKey = "RespondentKey";

    private static TableEntity IndexEntity(SessionLocator locator)
    {
        var row = new TableEntity(SessionKeys.SurveyIndexPartition(locator),
            SessionKeys.IndexRow(locator.SessionId)) { [IndexSessionId] = locator.SessionId };
        if (locator.RespondentKey is { } key)
            row[IndexRespondentKey] = key;
        return row;
    }

    /// <summary>Rows of one partition in a row key range, grouped: the profile (if in range) and each session with its answers.</summary>
    private static string RangeFilter(string partition, string from, string to) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");

    private async Task<(Respondent? Profile, IReadOnlyList<SurveySession> Sessions)> QuerySessionsAsync(string tenantId, string filter,
        CancellationToken ct)
    {
        Respondent? profile = null;
        var sessions = new List<SurveySession>();
        TableEntity? current = null;
        var answers = new List<SessionAnswer>();

        void Flush()
        {
            if (current is not null)
                sessions.Add(SessionEntities.ToSession(tenantId, current, Latest(answers)));
            current = null;
            answers.Clear();
        }

        // Row keys sort a session row right before its page rows, so one pass groups them.
        await foreach (var row in tables.Sessions.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            switch (row.GetString(SessionEntities.KindProperty))
            {
                case SessionEntities.RespondentKind:
                    profile = SessionEntities.ToRespondent(tenantId, row);
                    break;
                case SessionEntities.SessionKind:
                    Flush();
                    current = row;
                    break;
                case SessionEntities.PageKind when current is not null:
                    answers.AddRange(SessionEntities.ToPageAnswers(row));
                    break;
            }
        }
        Flush();
        return (profile, sessions);
    }

    /// <summary>
    /// Page by page, one answer per question. Two pages hold answers to one question only if the survey moved the question
    /// between pages mid-session; the later answer is the respondent's answer then.
    /// </summary>
    private static SessionAnswer[] Latest(List<SessionAnswer> answers) =>
        answers.GroupBy(a => a.QuestionId).Select(g => g.MaxBy(a => a.AnsweredAt)!)
            .OrderBy(a => a.PageIndex).ThenBy(a => answers.IndexOf(a)).ToArray();
}
