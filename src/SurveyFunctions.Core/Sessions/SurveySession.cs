namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// One respondent's pass through one survey: where they are (<see cref="PageIndex"/>), what they answered, and how it
/// ended. <see cref="Id"/> is an integer unique in the tenant (the Account family's session <c>id</c>). A session of an
/// identified respondent carries <see cref="Respondent"/>; sessions of anonymous surveys, and of respondents who gave no
/// <c>customer_id</c>, carry none and never appear by respondent.
/// </summary>
public sealed record SurveySession
{
    public required string TenantId { get; init; }
    public required long Id { get; init; }
    public required string SurveyUuid { get; init; }
    public required long SurveyId { get; init; }

    /// <summary>The survey definition version the session started on (<see cref="Surveys.Survey.Version"/>); it keeps to it
    /// whatever later edits change. 0 for sessions stored before versions were kept: they follow the current definition.</summary>
    public int DefinitionVersion { get; init; }
    public SessionRespondent? Respondent { get; init; }

    /// <summary>One of the survey's languages; null while a multi-language survey waits for the respondent to choose.</summary>
    public string? Language { get; init; }

    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Finished, by reaching the end or by being disqualified (the Polling.com Account Level API's <c>is_completed</c>).</summary>
    public bool IsCompleted { get; init; }

    public bool IsDisqualified { get; init; }

    /// <summary>The 0-based page the respondent is on (the next one to submit).</summary>
    public int PageIndex { get; init; }

    /// <summary>
    /// How many submissions the session has taken. Session tokens carry the step they were issued at, so a token used
    /// twice (a retried or replayed submission) is recognised and changes nothing the second time.
    /// </summary>
    public int Step { get; init; }

    public bool IsMobile { get; init; }
    public required DateTimeOffset LastAccessAt { get; init; }

    /// <summary>The values of the survey's hidden fields the session started with (<c>?hidden[source]=email</c>), by name.</summary>
    public IReadOnlyDictionary<string, string> HiddenFields { get; init; } = NoHiddenFields;

    public static IReadOnlyDictionary<string, string> NoHiddenFields { get; } = new Dictionary<string, string>();

    /// <summary>The answers so far, one per question, page by page in the order they were given.</summary>
    public IReadOnlyList<SessionAnswer> Answers { get; init; } = [];

    /// <summary>
    /// The questions whose counted answer changed after the session was counted, with what was counted before
    /// (<see cref="AnswerRevisions"/>); empty for a session whose answers never changed once counted.
    /// </summary>
    public IReadOnlyList<AnswerRevision> Revisions { get; init; } = [];

    /// <summary>The stored row's ETag: every write of the session row is If-Match on it. Null for a session not yet stored.</summary>
    public string? ETag { get; init; }

    public bool IsAnonymous => Respondent is null;

    public SessionLocator Locator => new(TenantId, SurveyUuid, Id, Respondent is null ? null : RespondentKeys.For(Respondent.ExternalId));

    public SessionAnswer? AnswerTo(long questionId) => Answers.FirstOrDefault(a => a.QuestionId == questionId);

    /// <summary>The revision of the answer to <paramref name="questionId"/> (0: not changed since the session was counted).</summary>
    public int RevisionOf(long questionId) => Revisions.FirstOrDefault(r => r.QuestionId == questionId)?.Revision ?? 0;
}

/// <summary>Who a session belongs to: the respondent's integer id and the external id the client knows them by (<c>customer_id</c>).</summary>
public sealed record SessionRespondent(long Id, string ExternalId);
