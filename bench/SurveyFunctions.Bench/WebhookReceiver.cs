using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Bench;

/// <summary>A delivery as the receiver first saw it: the event's type, when it was committed, and when it arrived.</summary>
internal sealed record ReceivedDelivery(string Type, DateTimeOffset OccurredAt, DateTimeOffset ArrivedAt);

/// <summary>
/// The webhook receiver of the bench: a Kestrel endpoint on a loopback port that answers 200 at once and records, per
/// <c>webhook-id</c>, the first arrival (later ones count as duplicates). It does not check signatures (the tests do, with an
/// independent implementation); it measures when deliveries arrive.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ReceivedDelivery> _first = new(StringComparer.Ordinal);
    private long _arrivals;

    private WebhookReceiver(WebApplication app, Uri url) => (_app, Url) = (app, url);

    public Uri Url { get; }

    /// <summary>Deliveries that arrived, duplicates included.</summary>
    public long Arrivals => Interlocked.Read(ref _arrivals);

    public IReadOnlyCollection<ReceivedDelivery> FirstArrivals => [.. _first.Values];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = LoopbackPorts.PickOne();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/hook")));
        app.MapPost("/hook", receiver.ReceiveAsync);
        await app.StartAsync().ConfigureAwait(false);
        return receiver;
    }

    public int Count(string type) => _first.Values.Count(d => d.Type == type);

    private async Task ReceiveAsync(HttpContext context)
    {
        var arrived = DateTimeOffset.UtcNow;
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var type = body.RootElement.GetProperty("type").GetString() ?? "";
        var occurred = body.RootElement.GetProperty("occurred_at").GetDateTimeOffset();
        Interlocked.Increment(ref _arrivals);
        _first.TryAdd(context.Request.Headers["webhook-id"].ToString(), new ReceivedDelivery(type, occurred, arrived));
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
