using System.Runtime.CompilerServices;
using SurveyFunctions.Core.Sessions;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// The sessions of a survey an export holds (<see cref="ExportWindow"/>), in session id order, read as they are written: the
/// survey's session index a page at a time, and each session (one range query in its own partition) a few ahead of the
/// writer, so a walk over any number of sessions holds only <see cref="ReadAhead"/> of them in memory.
/// </summary>
public sealed class SessionSnapshots(SurveySessionIndex index, SessionStore sessions)
{
    /// <summary>Sessions read concurrently ahead of the one being written: enough to hide storage latency, few enough to stay small.</summary>
    public const int ReadAhead = 24;

    /// <summary>The sessions after <paramref name="afterSessionId"/> (0: all) that the window holds, as it shows them.</summary>
    public async IAsyncEnumerable<SurveySession> ReadAsync(string tenantId, string surveyUuid, ExportWindow window, long afterSessionId,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var pending = new Queue<Task<SurveySession?>>(ReadAhead);
        try
        {
            await foreach (var locator in index.ListAsync(tenantId, surveyUuid, afterSessionId, ct).ConfigureAwait(false))
            {
                pending.Enqueue(sessions.GetAsync(locator, ct));
                if (pending.Count < ReadAhead)
                    continue;
                if (await ShownAsync(pending.Dequeue(), window).ConfigureAwait(false) is { } shown)
                    yield return shown;
            }
            while (pending.Count > 0)
            {
                if (await ShownAsync(pending.Dequeue(), window).ConfigureAwait(false) is { } shown)
                    yield return shown;
            }
        }
        finally
        {
            // A reader that stops early (a client gone) leaves no read unobserved.
            await Task.WhenAll(pending).ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None,
                TaskScheduler.Default).ConfigureAwait(false);
        }
    }

    /// <summary>An index row whose session was never stored (a lost race when it started) names nothing: null, as is a session
    /// the window leaves out.</summary>
    private static async Task<SurveySession?> ShownAsync(Task<SurveySession?> read, ExportWindow window) =>
        await read.ConfigureAwait(false) is { } session ? window.Snapshot(session) : null;
}
