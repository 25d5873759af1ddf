namespace SurveyFunctions.Core.Taking;

/// <summary>Where a call to the taking flow left the respondent; each family words it its own way.</summary>
public enum TakingState
{
    /// <summary>Show <see cref="TakingOutcome.ShownPage"/> of the session.</summary>
    Page,

    /// <summary>A multi-language survey and no language chosen yet: ask for one.</summary>
    LanguageRequired,

    /// <summary>The submitted page (or language) was refused: show it again with <see cref="TakingOutcome.Errors"/>. Nothing was stored.</summary>
    ValidationFailed,

    /// <summary>The session just finished (or a replay of the submission that finished it).</summary>
    Completed,

    /// <summary>A disqualifying option ended the session (or a replay of that submission).</summary>
    Disqualified,

    /// <summary>The respondent finished before and may not take the survey again (no <c>allow_multiple_responses</c>).</summary>
    AlreadyCompleted,

    /// <summary>The session ended before, and the survey sends respondents on to <see cref="TakingOutcome.RedirectUrl"/>.</summary>
    Redirect,

    /// <summary>The survey takes no responses now: <see cref="TakingOutcome.Availability"/> says why.</summary>
    Unavailable,

    /// <summary>The session the caller presented does not exist (or is not this survey's): the caller must start again.</summary>
    SessionNotFound,

    /// <summary>The survey cannot be taken as it now stands (no pages, or the session's page was edited away).</summary>
    SurveyBroken,
}
