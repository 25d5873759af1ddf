namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// A survey as stored: owned by one tenant, addressed by <see cref="Uuid"/> (management, Account) or by its integer
/// <see cref="Id"/> (unique in the tenant; the Take family accepts either). <see cref="Languages"/> has at least one entry;
/// the first is the default that texts fall back to. Questions live on <see cref="Pages"/>.
/// </summary>
public sealed record Survey
{
    public required string TenantId { get; init; }
    public required string Uuid { get; init; }
    public required long Id { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public SurveyStatus Status { get; init; } = SurveyStatus.Draft;
    public required SurveySettings Settings { get; init; }
    public required IReadOnlyList<SurveyPage> Pages { get; init; }

    /// <summary>
    /// The names of the values a session may start with (<c>?hidden[source]=email</c>): stored with the session, usable in
    /// conditions and piped into texts as <c>{{hidden.source}}</c>.
    /// </summary>
    public IReadOnlyList<string> HiddenFields { get; init; } = [];

    /// <summary>
    /// The version of the definition (languages, hidden fields, pages): 1 when created, one more on each edit that changes it.
    /// A session keeps the version it started on (<see cref="SurveyVersions.GetAsync"/> reads an older one), so an edit
    /// never changes the questions or the logic under a respondent half-way through.
    /// </summary>
    public int Version { get; init; } = 1;

    /// <summary>Whether <paramref name="other"/> asks the same questions with the same logic (its languages, hidden fields and pages).</summary>
    public bool HasSameDefinition(Survey other) =>
        Languages.SequenceEqual(other.Languages) && HiddenFields.SequenceEqual(other.HiddenFields) && Pages.SequenceEqual(other.Pages);

    /// <summary>This survey (its status, settings and names) with the definition of <paramref name="version"/>, an older version of it.</summary>
    public Survey WithDefinitionOf(Survey version) =>
        this with { Languages = version.Languages, HiddenFields = version.HiddenFields, Pages = version.Pages, Version = version.Version };
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Why the survey is closed (<see cref="SurveyCloseReasons"/>); null unless <see cref="Status"/> is closed.</summary>
    public string? ClosedReason { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>The stored row's ETag, for If-Match on the next write; null for a survey not yet stored.</summary>
    public string? ETag { get; init; }

    /// <summary>When none are given: English.</summary>
    public static IReadOnlyList<string> DefaultLanguages { get; } = ["en"];

    public string DefaultLanguage => Languages[0];

    /// <summary>Every question, page by page, in order.</summary>
    public IEnumerable<SurveyQuestion> Questions => Pages.SelectMany(p => p.Questions);

    public SurveyQuestion? FindQuestion(long questionId) => Questions.FirstOrDefault(q => q.Id == questionId);

    public SurveyQuestion? FindQuestion(string identifier) => Questions.FirstOrDefault(q => q.Identifier == identifier);

    /// <summary>The 0-based index of the page with <paramref name="identifier"/>, or -1.</summary>
    public int PageIndexOf(string identifier)
    {
        for (var i = 0; i < Pages.Count; i++)
        {
            if (Pages[i].Identifier == identifier)
                return i;
        }
        return -1;
    }

    /// <summary>The 0-based page holding the question, or -1.</summary>
    public int PageIndexOf(long questionId)
    {
        for (var i = 0; i < Pages.Count; i++)
        {
            if (Pages[i].Questions.Any(q => q.Id == questionId))
                return i;
        }
        return -1;
    }
}
