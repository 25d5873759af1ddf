namespace SurveyFunctions.Core.EventLog;

/// <summary>
/// The names of the events the app reports (stable once published: receivers filter and switch on them). Each is caused by
/// one committed change; see where each is written (<see cref="EventStore"/>'s callers).
/// </summary>
public static class EventTypes
{
    /// <summary>A survey session finished and was counted as a response (its answers in the body).</summary>
    public const string ResponseCompleted = "response.completed";

    /// <summary>A survey session finished disqualified (the Take family's <c>terminated</c>): not a response.</summary>
    public const string ResponseDisqualified = "response.disqualified";

    /// <summary>A completed response's answers changed (a Responses resubmission); the body has the answers as they are now.</summary>
    public const string ResponseUpdated = "response.updated";

    public const string SurveyStarted = "survey.started";
    public const string SurveyPaused = "survey.paused";

    /// <summary>With the reason: <c>manual</c>, <c>stop_date</c> or <c>quota</c>.</summary>
    public const string SurveyClosed = "survey.closed";

    /// <summary>With the reason: <c>manual</c>, <c>ends_at</c> or <c>max_responses</c>.</summary>
    public const string PollClosed = "poll.closed";

    /// <summary>A poll's totals, coalesced: at most one per poll per interval in which its counts changed, never one per vote.</summary>
    public const string PollResults = "poll.results";

    public static IReadOnlyList<string> All { get; } =
        [ResponseCompleted, ResponseDisqualified, ResponseUpdated, SurveyStarted, SurveyPaused, SurveyClosed, PollClosed, PollResults];
}
