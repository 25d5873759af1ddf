using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Polls;

/// <summary>The Polls API's error table, plus validation errors that name their field.</summary>
public static class PollErrors
{
    public static ApiError NotFound() => new(ErrorKind.NotFound, "poll_not_found", "Poll does not exist.");
    public static ApiError NotPublished() => new(ErrorKind.BadRequest, "poll_not_published", "Poll is not published.");
    public static ApiError InvalidToken(string why) => new(ErrorKind.Forbidden, "invalid_token", $"Missing or expired embed token: {why}");
    public static ApiError AlreadyVoted() => new(ErrorKind.BadRequest, "already_voted", "User already voted on this poll.");
    public static ApiError ResultsHidden(string why) => new(ErrorKind.Forbidden, "results_hidden", why);

    /// <summary><c>poll_closed</c> 403, carrying the poll's <c>close_message</c> when it has one.</summary>
    public static ApiError Closed(Poll poll, string why) =>
        new(ErrorKind.Forbidden, "poll_closed", string.IsNullOrEmpty(poll.CloseMessage) ? why : poll.CloseMessage);
}
