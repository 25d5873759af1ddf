using System.Collections.Concurrent;
using SurveyFunctions.Core.EventLog;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// Fans a tenant's recorded events out to its endpoints: from the tenant's dispatch cursor on, each event gets one queued
/// delivery per endpoint that wants it (<see cref="WebhookEndpoint.Wants"/>), and only then does the cursor move past it
/// (If-Match). So an event recorded is queued for delivery at least once whatever crashes in between: a dispatcher that
/// dies before moving the cursor leaves it for the next one, which queues those events again (a duplicate, with the same
/// <c>webhook-id</c>), never skips one. Runs after appends (<see cref="WebhookNudge"/>) and on a timer (<see cref="RunAsync"/>).
/// In one instance a tenant is dispatched by one caller at a time; a call meanwhile makes it run once more after.
/// </summary>
public sealed class WebhookDispatcher(WebhookStore store, EventStore log, WebhookAttemptScheduler queue, TimeProvider time)
{
    private const int PageSize = 100;
    private readonly ConcurrentDictionary<string, TenantTurn> _turns = new(StringComparer.Ordinal);

    /// <summary>The sweep: every tenant that has (had) endpoints. Returns how many deliveries it queued.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var queued = 0;
        await foreach (var tenantId in store.DispatchingTenantsAsync(ct).ConfigureAwait(false))
            queued += await DispatchAsync(tenantId, ct).ConfigureAwait(false);
        return queued;
    }

    /// <summary>Queues deliveries of the tenant's events past its cursor; returns how many (0 when another call is doing it).</summary>
    public async Task<int> DispatchAsync(string tenantId, CancellationToken ct)
    {
        var turn = _turns.GetOrAdd(tenantId, _ => new TenantTurn());
        Interlocked.Exchange(ref turn.Wanted, 1);
        var queued = 0;
        // A call that comes while another runs only sets Wanted; the runner runs again for it, also when it came just before
        // the runner let go (hence the check of Wanted before taking the turn).
        while (Volatile.Read(ref turn.Wanted) == 1 && Interlocked.CompareExchange(ref turn.Running, 1, 0) == 0)
        {
            try
            {
                while (Interlocked.Exchange(ref turn.Wanted, 0) == 1)
                    queued += await DispatchOnceAsync(tenantId, ct).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref turn.Running, 0);
            }
        }
        return queued;
    }

    private async Task<int> DispatchOnceAsync(string tenantId, CancellationToken ct)
    {
        if (await store.ReadCursorAsync(tenantId, ct).ConfigureAwait(false) is not { } cursor)
            return 0;
        var endpoints = (await store.ListAsync(tenantId, ct).ConfigureAwait(false)).Where(e => e.Enabled).ToArray();
        var (sequence, etag) = cursor;
        var queued = 0;
        while (true)
        {
            var events = await log.ReadAsync(tenantId, sequence, [], PageSize, ct).ConfigureAwait(false);
            if (events.Count == 0)
                return queued;
            var now = time.GetUtcNow();
            var messages = events.SelectMany(e => endpoints.Where(w => w.Wants(e)).Select(w =>
                new WebhookMessage(tenantId, w.Id, WebhookKeys.NewDeliveryId(), e.Sequence, e.Event.Id, 1, now, now))).ToArray();
            await Parallel.ForEachAsync(messages, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                async (m, token) => await queue.SendAsync(m, token).ConfigureAwait(false)).ConfigureAwait(false);
            queued += messages.Length;
            sequence = events[^1].Sequence;
            if (await store.AdvanceCursorAsync(tenantId, sequence, etag, ct).ConfigureAwait(false) is not { } moved)
            {
                // Another instance moved it: carry on from wherever it is now.
                if (await store.ReadCursorAsync(tenantId, ct).ConfigureAwait(false) is not { } current)
                    return queued;
                (sequence, etag) = (Math.Max(sequence, current.Sequence), current.ETag);
                continue;
            }
            etag = moved;
            if (events.Count < PageSize)
                return queued;
        }
    }

    private sealed class TenantTurn
    {
        public int Running;
        public int Wanted;
    }
}
