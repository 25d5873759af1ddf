namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// The kinds of integer id the Account and Take families show, each its own sequence per tenant (<see cref="IdAllocator"/>).
/// The names are stored as counter row keys: never rename one.
/// </summary>
public enum IdKind
{
    Survey,
    Question,
    Option,
    Session,
    Answer,
    Respondent,
}

public static class IdKinds
{
    /// <summary>The counter's row key.</summary>
    public static string RowKey(this IdKind kind) => kind switch
    {
        IdKind.Survey => "survey",
        IdKind.Question => "question",
        IdKind.Option => "option",
        IdKind.Session => "session",
        IdKind.Answer => "answer",
        IdKind.Respondent => "respondent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown id kind."),
    };

    /// <summary>
    /// How many ids one instance reserves from storage at a time. Surveys are created rarely and people read their ids, so
    /// they are handed out one by one (1, 2, 3…); kinds created in bursts (sessions, answers under 200 concurrent
    /// respondents) take blocks so the counter row is written once per block, not once per id. Unused ids of a block are
    /// lost when the instance stops: ids are unique and increasing per instance, not gap-free.
    /// </summary>
    public static int BlockSize(this IdKind kind) => kind switch
    {
        IdKind.Survey => 1,
        IdKind.Question => 16,
        IdKind.Option => 64,
        IdKind.Answer => 256,
        _ => 32,
    };
}
