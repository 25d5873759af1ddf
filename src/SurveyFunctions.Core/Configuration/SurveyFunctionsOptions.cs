using System.ComponentModel.DataAnnotations;

namespace SurveyFunctions.Core.Configuration;

/// <summary>
/// Every setting the app reads, bound once from the <c>SurveyFunctions</c> section
/// (environment variables <c>SurveyFunctions__AdminKey</c> and so on). Both hosts bind the same class.
/// The storage connection is not here: it is the Functions-standard <c>AzureWebJobsStorage</c> setting.
/// </summary>
public sealed class SurveyFunctionsOptions
{
    public const string SectionName = "SurveyFunctions";

    /// <summary>The setting name of the storage connection (connection string or identity-based settings).</summary>
    public const string StorageConnectionSetting = "AzureWebJobsStorage";

    /// <summary>Guards <c>/api/admin/*</c>. Empty means the admin endpoints are switched off.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// HMAC keys for every signed token, as <c>kid=base64key;kid2=base64key</c>. The first signs; all verify,
    /// so a key can be rotated in before the old one is removed. Each key must be at least 32 bytes.
    /// </summary>
    [Required(ErrorMessage = "SurveyFunctions:SigningKeys is required (format 'kid=base64key', key at least 32 bytes).")]
    public string SigningKeys { get; set; } = "";

    /// <summary>The public base URL clients reach us on; used to build links (hosted response URLs, survey links).</summary>
    [Required]
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// How many partitions a poll's voter records and counters are spread over. Fixed per poll at creation. Fewer partitions
    /// mean bigger group commits (fewer storage requests per vote) and cheaper results reads (a query per partition); more
    /// raise one poll's ceiling in Azure (about 2,000 entities/s per partition). 4 carries several thousand votes/s per poll.
    /// </summary>
    [Range(1, Counting.VoteKeys.MaxPartitions)]
    public int VoteShards { get; set; } = 4;

    /// <summary>Embed token lifetime; the Polls API documents 30 minutes.</summary>
    [Range(60, 86400)]
    public int EmbedTokenSeconds { get; set; } = 1800;

    /// <summary>Deliveries of one queue message before it moves to the poison queue (host.json's maxDequeueCount in Functions).</summary>
    [Range(1, 100)]
    public int MaxDequeueCount { get; set; } = 5;

    /// <summary>How often the standalone host's closing job runs (the Functions timer schedule says the same in CRON).</summary>
    [Range(1, 3600)]
    public int CloserIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// How often the standalone host's recovery jobs run (the Functions timer schedules say the same in CRON): vote batches
    /// older than this that are still waiting for aggregation are re-announced, and survey sessions completed this long ago
    /// whose answers are still uncounted are counted.
    /// </summary>
    [Range(1, 3600)]
    public int RecoveryIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// Rows one pass of a deleted survey's purge deletes at most before it queues the next pass: bounds a pass's time
    /// (about 50 transactions of 100 by default, well inside the Functions timeout).
    /// </summary>
    [Range(1, 100_000)]
    public int PurgeRowsPerPass { get; set; } = 5000;

    /// <summary>How long a finished export's file can be downloaded before the purge deletes it
    /// (<c>SurveyFunctions:ExportRetentionHours</c>).</summary>
    [Range(1, 8760)]
    public int ExportRetentionHours { get; set; } = 168;

    /// <summary>
    /// An export job's block size: it stages a block and checkpoints once a block holds this many bytes (4 MiB; a blob holds
    /// 50,000 blocks, so about 200 GB). Smaller blocks checkpoint more often.
    /// </summary>
    [Range(1024, 100 * 1024 * 1024)]
    public int ExportBlockBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How many days events stay in the catch-up feed (<c>GET /api/events</c>) before they are dropped.</summary>
    [Range(1, 365)]
    public int EventRetentionDays { get; set; } = 30;

    /// <summary>
    /// Hosts a webhook endpoint may be reached at over plain http, and whose addresses are not checked against the loopback,
    /// private, link-local and metadata ranges (comma-separated, e.g. <c>127.0.0.1,localhost</c> for local runs and tests).
    /// Empty in production: https only, public addresses only.
    /// </summary>
    public string WebhookAllowedHttpHosts { get; set; } = "";

    /// <summary>How long a rotated-out webhook secret still signs deliveries beside the new one.</summary>
    [Range(0, 24 * 30)]
    public int WebhookSecretGraceHours { get; set; } = 24;

    /// <summary>How long one delivery attempt may take (connect, send, first bytes of the reply).</summary>
    [Range(1, 60)]
    public int WebhookTimeoutSeconds { get; set; } = 10;

    /// <summary>The wait before a failed delivery's first retry; each later one waits four times longer (at most 12 hours).</summary>
    [Range(1, 3600)]
    public int WebhookFirstRetrySeconds { get; set; } = 5;

    /// <summary>How long a failing delivery is retried (exponential backoff with jitter) before it is given up.</summary>
    [Range(1, 24 * 7)]
    public int WebhookRetryHours { get; set; } = 72;

    /// <summary>An endpoint that has failed every attempt for this many days in a row is disabled, with the reason.</summary>
    [Range(1, 60)]
    public int WebhookDisableAfterDays { get; set; } = 5;

    /// <summary>
    /// Longest a waiting delivery message stays invisible before it is looked at again (and put back if still not due): a
    /// safety net against clock changes; tests make it short so a moved clock is seen at once.
    /// </summary>
    [Range(1, 86_400)]
    public int WebhookMaxDelaySeconds { get; set; } = 3600;

    /// <summary>How often the standalone host sweeps every tenant's event log for events not yet fanned out to its endpoints.</summary>
    [Range(1, 3600)]
    public int WebhookSweepIntervalSeconds { get; set; } = 60;

    /// <summary>
    /// A poll's <c>poll.results</c> event is coalesced to at most one per this many seconds (aligned to the clock) in which
    /// its counts changed; 0 produces none.
    /// </summary>
    [Range(0, 3600)]
    public int PollResultsEventSeconds { get; set; } = 10;

    /// <summary>
    /// How long a create or submit sent with an <c>Idempotency-Key</c> is remembered: the same key with the same request within
    /// this many hours replays the first answer instead of running again (<c>SurveyFunctions:IdempotencyKeyHours</c>).
    /// </summary>
    [Range(1, 720)]
    public int IdempotencyKeyHours { get; set; } = 24;

    /// <summary>
    /// How long a claimed <c>Idempotency-Key</c> whose request has not finished holds off other requests with that key (they
    /// get 409). A request that crashed without releasing its claim frees the key after this; longer than any request runs
    /// (Azure cuts an HTTP call at 230 s).
    /// </summary>
    [Range(1, 3600)]
    public int IdempotencyLeaseSeconds { get; set; } = 240;

    /// <summary>Rate limits on the public endpoints (<c>SurveyFunctions:RateLimits:…</c>).</summary>
    public RateLimitOptions RateLimits { get; set; } = new();
}
