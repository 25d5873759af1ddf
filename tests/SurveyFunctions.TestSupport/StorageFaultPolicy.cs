using Azure.Core;
using Azure.Core.Pipeline;

namespace SurveyFunctions.TestSupport;

/// <summary>
/// Injects storage faults into a storage client's pipeline (per retry, so every attempt rolls the dice):
/// <list type="bullet">
/// <item><see cref="BusyRate"/>: answer 503 Server Busy without sending (nothing happened in storage);</item>
/// <item><see cref="LostResponseRate"/>: send, let storage apply it, then drop the connection (the caller cannot know it happened);</item>
/// <item><see cref="TimeoutRate"/>: send, let storage apply it, then time out, as a slow network does.</item>
/// </list>
/// The last two are what makes retries dangerous: a retried write may already be applied. Rates are 0..1 and may be
/// changed while requests run; seeded for repeatable runs.
/// </summary>
public sealed class StorageFaultPolicy(int seed = 1) : HttpPipelinePolicy
{
    private readonly Random _random = new(seed);
    private long _busy, _lost, _timeouts, _passed;

    public double BusyRate { get; set; }
    public double LostResponseRate { get; set; }
    public double TimeoutRate { get; set; }

    public long Busy => Interlocked.Read(ref _busy);
    public long LostResponses => Interlocked.Read(ref _lost);
    public long Timeouts => Interlocked.Read(ref _timeouts);
    public long Passed => Interlocked.Read(ref _passed);

    public void Off() => (BusyRate, LostResponseRate, TimeoutRate) = (0, 0, 0);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        double roll;
        lock (_random)
            roll = _random.NextDouble();

        if (roll < BusyRate)
        {
            Interlocked.Increment(ref _busy);
            message.Response = new FakeResponse(503, "Server Busy", "", new Dictionary<string, string> { ["x-ms-error-code"] = "ServerBusy" });
            return;
        }
        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
        roll -= BusyRate;
        if (roll < LostResponseRate)
        {
            Interlocked.Increment(ref _lost);
            throw new IOException("Injected fault: the connection dropped after storage received the request.");
        }
        roll -= LostResponseRate;
        if (roll < TimeoutRate)
        {
            Interlocked.Increment(ref _timeouts);
            throw new TaskCanceledException("Injected fault: the request timed out after storage received it.", new TimeoutException());
        }
        Interlocked.Increment(ref _passed);
    }
}
