using SurveyFunctions.Core.Sessions;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// Which sessions an export holds, pinned to the instant <paramref name="AsOf"/> taken when it started: every session finished
/// (completed or disqualified) at or before it and, with <paramref name="Since"/> (an earlier export's <c>as_of</c>), after that;
/// whatever finishes while the export runs is left for the next one. With <paramref name="IncludePartial"/> also every session
/// started by <c>as_of</c> and not finished by then, as it stood then (whatever <c>since</c> says: a partial row is a snapshot of
/// work in progress, not a new response).
/// </summary>
public sealed record ExportWindow(DateTimeOffset AsOf, DateTimeOffset? Since, bool IncludePartial)
{
    /// <summary>
    /// <c>as_of</c> for an export starting at <paramref name="now"/>: whole milliseconds, as every reply writes instants, so the
    /// <c>as_of</c> a client reads and passes back as <c>since</c> is exactly this one (none missing, none twice).
    /// </summary>
    public static DateTimeOffset PinAsOf(DateTimeOffset now) =>
        new(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>The session as the export shows it, or null when the window leaves it out.</summary>
    public SurveySession? Snapshot(SurveySession session)
    {
        if ((session.IsCompleted || session.IsDisqualified) && session.CompletedAt is { } finished && finished <= AsOf)
            return Since is { } since && finished <= since ? null : session;
        if (!IncludePartial || session.StartedAt > AsOf)
            return null;
        // Half-way at as_of (finished since, perhaps): not finished, with the answers given by then.
        return session with
        {
            IsCompleted = false,
            IsDisqualified = false,
            CompletedAt = null,
            Answers = session.Answers.Where(a => a.AnsweredAt <= AsOf).ToArray(),
        };
    }
}
