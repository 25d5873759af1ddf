namespace SurveyFunctions.Core.Storage;

/// <summary>Every table and queue the app uses. infra/ creates the same names; keep them in step.</summary>
public static class StorageNames
{
    /// <summary>PK tenant id: the tenant row (RK "") and its key index rows (RK "key|{keyId}").</summary>
    public const string TenantsTable = "tenants";

    /// <summary>PK = SHA-256 of an API key: the point read that authenticates a request.</summary>
    public const string ApiKeysTable = "apikeys";

    /// <summary>PK poll id, RK "": the poll definition.</summary>
    public const string PollsTable = "polls";

    /// <summary>PK tenant id, RK inverted creation time + poll id: a tenant's polls, newest first.</summary>
    public const string PollIndexTable = "pollindex";

    /// <summary>PK "{pollId}|{shard}": voter records, pending vote batches, the shard's counter and admission tally.</summary>
    public const string PollVotesTable = "pollvotes";

    /// <summary>PK hour bucket of ends_at, RK poll id: what the closing job looks at.</summary>
    public const string PollScheduleTable = "pollschedule";

    /// <summary>PK "{tenantId}|{surveyUuid}", RK "": a survey's definition (one point read by tenant and uuid).</summary>
    public const string SurveysTable = "surveys";

    /// <summary>
    /// PK tenant id: "list|{inverted creation ticks}|{uuid}" rows (listing, newest first) and "id|{integer id}" rows (lookup by
    /// id); PK "uuid|{uuid}", RK "owner": a survey's tenant; PK "purge", RK "{tenant}|{uuid}": deleted surveys whose data is
    /// still being purged (<see cref="SurveyPurge.SurveyPurgeLedger"/>).
    /// </summary>
    public const string SurveyIndexTable = "surveyindex";

    /// <summary>PK tenant id, RK id kind (survey, question, option, session, …): the next free integer id of that kind.</summary>
    public const string IdCountersTable = "idcounters";

    /// <summary>
    /// Survey sessions, answers and respondents (<see cref="Sessions.SessionKeys"/>): PK "{tenant}|r|{respondent key}" holds a
    /// respondent's profile, sessions and answers; PK "{tenant}|s|{session id}" a session without a respondent; PK
    /// "{tenant}|i|{survey uuid}|{shard}" the survey's session index (what the purge of a deleted survey walks).
    /// </summary>
    public const string SessionsTable = "sessions";

    /// <summary>
    /// PK "{tenant}|{survey uuid}|{shard}": each finished session's marker, the finishing respondents, and the shard's tally
    /// of completions (<see cref="Sessions.Completions.CompletionKeys"/>); the response cap is enforced on the tally.
    /// </summary>
    public const string SessionCompletionsTable = "sessioncompletions";

    /// <summary>
    /// Panelists (<see cref="Panelists.PanelistKeys"/>): PK "{tenant}|{survey uuid}|{respondent key}", RK "": one panelist of one
    /// survey; PK "key|{key id}", RK "": the public key's lookup row (the secret's hash and where the panelist is).
    /// </summary>
    public const string PanelistsTable = "panelists";

    /// <summary>
    /// PK tenant id: survey responses of the Responses family (<see cref="Responses.ResponseKeys"/>), each under its ULID in
    /// both orders and under its responder and subjects, so every list page is one range query.
    /// </summary>
    public const string SurveyResponsesTable = "surveyresponses";

    /// <summary>
    /// Export jobs (<see cref="SessionExports.ExportStore"/>): PK tenant id, RK export id (the job and its checkpoint); PK
    /// "{tenant}|s|{survey uuid}" (a survey's exports); PK "expiry", RK "{expires at ticks}|{tenant}|{export id}".
    /// </summary>
    public const string ExportsTable = "exports";

    /// <summary>Blob container of export files, "{tenant}/{export id}.{csv|ndjson}".</summary>
    public const string ExportsContainer = "exports";

    /// <summary>Messages naming an export job to run or resume ("{tenant}|{export id}").</summary>
    public const string ExportQueue = "exports";

    /// <summary>Where an export message goes after <c>MaxDequeueCount</c> failed deliveries.</summary>
    public const string ExportPoisonQueue = "exports-poison";

    /// <summary>
    /// PK tenant id: the tenant's events in commit order, the key of each recorded event and the head of the sequence; PK
    /// "outbox": markers of changes whose events are being moved into the log (<see cref="EventLog.EventKeys"/>).
    /// </summary>
    public const string EventsTable = "events";

    /// <summary>
    /// PK tenant id, RK endpoint id: a tenant's webhook endpoints; PK "dispatch", RK tenant id: how far the tenant's event log
    /// has been fanned out to its endpoints (<see cref="Webhooks.WebhookKeys"/>).
    /// </summary>
    public const string WebhooksTable = "webhooks";

    /// <summary>PK "{tenant}|{endpoint id}": the endpoint's delivery attempts, newest first (<see cref="Webhooks.WebhookKeys"/>).</summary>
    public const string WebhookDeliveriesTable = "webhookdeliveries";

    /// <summary>
    /// Requests sent with an <c>Idempotency-Key</c> (<see cref="Http.Idempotency.IdempotencyStore"/>): PK the caller's scope (the
    /// tenant, or a hash of the credential of a public route), RK a hash of method, route template and key: the claim and then
    /// the first answer, replayed to retries.
    /// </summary>
    public const string IdempotencyTable = "idempotency";

    /// <summary>Messages naming a vote partition with batches to aggregate.</summary>
    public const string VoteQueue = "votes";

    /// <summary>Where a message goes after <c>MaxDequeueCount</c> failed deliveries (the Functions runtime's naming).</summary>
    public const string VotePoisonQueue = "votes-poison";

    /// <summary>Messages naming a deleted survey whose data is to be purged ("{tenant}|{uuid}",
    /// <see cref="SurveyPurge.SurveyPurgeMessage"/>).</summary>
    public const string SurveyPurgeQueue = "surveypurge";

    /// <summary>Where a purge message goes after <c>MaxDequeueCount</c> failed deliveries.</summary>
    public const string SurveyPurgePoisonQueue = "surveypurge-poison";

    /// <summary>One message per webhook delivery attempt (<see cref="Webhooks.WebhookMessage"/>), due when it becomes visible.</summary>
    public const string WebhookQueue = "webhookdeliveries";

    /// <summary>Where a delivery message goes after <c>MaxDequeueCount</c> failed handlings (storage failures, not HTTP ones).</summary>
    public const string WebhookPoisonQueue = "webhookdeliveries-poison";

    /// <summary>Messages naming a poll whose coalesced results event is due ("{poll id}|{interval number}").</summary>
    public const string PollResultsQueue = "pollresults";

    /// <summary>Where a results message goes after <c>MaxDequeueCount</c> failed deliveries.</summary>
    public const string PollResultsPoisonQueue = "pollresults-poison";

    public static readonly IReadOnlyList<string> Tables = [TenantsTable, ApiKeysTable, PollsTable, PollIndexTable, PollVotesTable, PollScheduleTable,
        SurveysTable, SurveyIndexTable, IdCountersTable, SessionsTable, SessionCompletionsTable, SurveyResponsesTable, PanelistsTable, ExportsTable,
        EventsTable, IdempotencyTable, WebhooksTable, WebhookDeliveriesTable];

    public static readonly IReadOnlyList<string> Queues = [VoteQueue, VotePoisonQueue, SurveyPurgeQueue, SurveyPurgePoisonQueue, ExportQueue,
        ExportPoisonQueue, PollResultsQueue, PollResultsPoisonQueue, WebhookQueue, WebhookPoisonQueue];
}
