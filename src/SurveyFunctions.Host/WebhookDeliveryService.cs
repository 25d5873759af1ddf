using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.Webhooks;

namespace SurveyFunctions.Host;

/// <summary>
/// Standalone equivalent of the <c>DeliverWebhooks</c> queue trigger. Each message (one attempt) runs on its own, up to
/// <see cref="MaxInFlight"/> at once, and the receiver goes on receiving while they run: an endpoint that takes its whole
/// timeout holds up only its own attempt, never the next message. A message stays invisible longer than an attempt can take.
/// </summary>
public sealed class WebhookDeliveryService(
    SurveyStorage storage,
    WebhookDeliverer deliverer,
    IOptions<SurveyFunctionsOptions> options,
    ILogger<WebhookDeliveryService> logger)
    : QueueJobService(storage.WebhookQueue, storage.WebhookPoisonQueue, 16, TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds * 3 + 30),
        options, logger)
{
    private const int MaxInFlight = 64;
    private readonly SemaphoreSlim _slots = new(MaxInFlight, MaxInFlight);

    protected override async Task HandleAsync(IReadOnlyList<QueueMessage> messages, CancellationToken ct)
    {
        foreach (var message in messages)
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
            _ = Task.Run(async () =>
            {
                try
                {
                    await SettleAsync(message, deliverer.ProcessMessageAsync, ct).ConfigureAwait(false);
                }
                finally
                {
                    _slots.Release();
                }
            }, CancellationToken.None);
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }
}
