using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SurveyFunctions.Tests.Webhooks;

/// <summary>One request the receiver got: the Standard Webhooks headers, the body as sent, and what it answered.</summary>
public sealed record ReceivedDelivery(string Path, string Id, string Timestamp, string Signature, string Body, int Answered, DateTimeOffset At);

/// <summary>
/// A real webhook receiver: Kestrel on a loopback port in the test process. Every POST is recorded; what it answers is
/// decided per path by <c>Answer</c> (default 200), so one receiver plays a healthy endpoint, a failing one, a
/// slow one and a gone one at once.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private readonly ConcurrentDictionary<string, Func<int, Task<int>>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    private readonly TimeProvider _clock;

    private WebhookReceiver(WebApplication app, Uri baseAddress, TimeProvider clock)
    {
        (_app, BaseAddress, _clock) = (app, baseAddress, clock);
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    public IReadOnlyList<ReceivedDelivery> At(string path) => [.. _received.Where(r => r.Path == "/" + path)];

    /// <summary>How <paramref name="path"/> answers its n-th request (0-based): a status code, after whatever wait it likes.</summary>
    public void Answer(string path, Func<int, Task<int>> answer) => _answers["/" + path] = answer;

    public void Answer(string path, Func<int, int> status) => Answer(path, n => Task.FromResult(status(n)));

    /// <param name="clock">
    /// The host's clock: <see cref="ReceivedDelivery.At"/> is its time of receipt (what a signature's age is checked against).
    /// </param>
    public static async Task<WebhookReceiver> StartAsync(TimeProvider clock)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.PickOne()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseAddress.AbsoluteUri);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, baseAddress, clock);
        app.MapPost("/{**path}", receiver.ReceiveAsync);
        await app.StartAsync();
        return receiver;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var n = _counts.AddOrUpdate(path, 0, (_, c) => c + 1);
        var status = _answers.TryGetValue(path, out var answer) ? await answer(n) : 200;
        _received.Enqueue(new ReceivedDelivery(path, context.Request.Headers["webhook-id"].ToString(),
            context.Request.Headers["webhook-timestamp"].ToString(), context.Request.Headers["webhook-signature"].ToString(), body, status,
            _clock.GetUtcNow()));
        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status == 200 ? "ok" : $"status {status} from the test receiver");
    }

    /// <summary>Waits (real time, bounded) until <paramref name="done"/> holds for what was received.</summary>
    public async Task<IReadOnlyList<ReceivedDelivery>> WaitForAsync(Func<IReadOnlyList<ReceivedDelivery>, bool> done, TimeSpan? within = null,
        Action? meanwhile = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!done(Received))
        {
            Assert.True(DateTime.UtcNow < deadline, $"The receiver did not get what was expected in time; it got {Received.Count} requests: " +
                string.Join(", ", Received.Select(r => $"{r.Path} {r.Id} -> {r.Answered}")));
            meanwhile?.Invoke();
            await Task.Delay(100);
        }
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
