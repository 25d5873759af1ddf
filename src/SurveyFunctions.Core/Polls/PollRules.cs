using System.Globalization;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Polls;

/// <summary>Whether a poll takes votes right now. Checked on every vote, so a poll past its window refuses votes
/// before the closing job runs.</summary>
public static class PollRules
{
    public static ApiError? CheckVotable(Poll poll, DateTimeOffset now)
    {
        if (!poll.Published)
            return PollErrors.NotPublished();
        if (poll.ClosedAt is not null)
            return PollErrors.Closed(poll, poll.CloseReason == CloseReasons.MaxResponses ? "Poll reached its maximum number of votes."
                : "Poll is closed.");
        if (poll.StartsAt is { } starts && now < starts)
            return PollErrors.Closed(poll, $"Poll opens at {starts.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}.");
        if (poll.EndsAt is { } ends && now >= ends)
            return PollErrors.Closed(poll, "Poll ended.");
        return null;
    }
}
