using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyResults;

/// <summary>
/// Records a finished session's events (<see cref="ResponseEvents"/>) in the log. Runs where its count runs, under the same
/// marker (<see cref="SessionAnswerCounter.CountAsync"/>, <see cref="UncountedSessionRecovery"/>), so a process that dies
/// after the session's save is made good by the recovery job; the log records each event's key once.
/// </summary>
public sealed class ResponseEventPublisher(SurveyStore surveys, EventStore log, TimeProvider time)
{
    public async Task PublishAsync(SurveySession session, CancellationToken ct)
    {
        if (!session.IsCompleted)
            return;
        // A deleted survey's sessions are being purged: nothing to report about them.
        if (await surveys.GetAsync(session.TenantId, session.SurveyUuid, ct).ConfigureAwait(false) is not { } survey)
            return;
        foreach (var e in ResponseEvents.For(session, survey, time.GetUtcNow() - log.Retention))
            await log.AppendAsync(e, ct).ConfigureAwait(false);
    }
}
