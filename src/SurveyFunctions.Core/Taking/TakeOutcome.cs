using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>Where a call to the taking flow left the respondent; each family words it its own way.</summary>
public enum TakeState
{
    /// <summary>Show <see cref="TakeOutcome.ShownPage"/> of the session.</summary>
    Page,

    /// <summary>A multi-language survey and no language chosen yet: ask for one.</summary>
    LanguageRequired,

    /// <summary>The submitted page (or language) was refused: show it again with <see cref="TakeOutcome.Errors"/>. Nothing was stored.</summary>
    ValidationFailed,

    /// <summary>The session just finished (or a replay of the submission that finished it).</summary>
    Completed,

    /// <summary>A disqualifying option ended the session (or a replay of that submission).</summary>
    Disqualified,

    /// <summary>The respondent finished before and may not take the survey again (no <c>allow_multiple_responses</c>).</summary>
    AlreadyCompleted,

    /// <summary>The session ended before, and the survey sends respondents on to <see cref="TakeOutcome.RedirectUrl"/>.</summary>
    Redirect,

    /// <summary>The survey takes no responses now: <see cref="TakeOutcome.Availability"/> says why.</summary>
    Unavailable,

    /// <summary>The session the caller presented does not exist (or is not this survey's): the caller must start again.</summary>
    SessionNotFound,

    /// <summary>The survey cannot be taken as it now stands (no pages, or the session's page was edited away).</summary>
    SurveyBroken,
}

/// <param name="ShownPage">The 0-based page to show for <see cref="TakeState.Page"/> and <see cref="TakeState.ValidationFailed"/>
/// (null there means the language choice).</param>
public sealed record TakeOutcome(
    TakeState State,
    SurveySession? Session = null,
    int? ShownPage = null,
    IReadOnlyList<AnswerError>? Errors = null,
    string? RedirectUrl = null,
    SurveyAvailability Availability = SurveyAvailability.Open)
{
    public static TakeOutcome Unavailable(SurveyAvailability availability, SurveySession? session = null) =>
        new(TakeState.Unavailable, session, Availability: availability);
}

/// <summary>What a respondent's first call says about them. <see cref="ExternalId"/> is ignored for anonymous surveys.</summary>
public sealed record TakeStart(string? ExternalId, string? Language, RespondentDetails Details);

/// <summary>
/// Where a caller's session token says it stands: the session's <see cref="SessionLocator"/>, the <see cref="Step"/> the token
/// was issued at, and the page it was shown (null: the language choice).
/// </summary>
public sealed record SessionPosition(SessionLocator Session, int Step, int? Page);
