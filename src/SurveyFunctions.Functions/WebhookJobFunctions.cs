using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.Webhooks;

namespace SurveyFunctions.Functions;

/// <summary>
/// The webhook jobs: each delivery attempt is one queue message (the runtime runs a batch of them at once, so a slow
/// endpoint holds up no other), and the sweep that fans out events a nudge missed. A message whose handling throws
/// (storage down) is retried by the runtime and poisoned after host.json's maxDequeueCount; HTTP failures are not
/// exceptions, they are retried through the queue by the deliverer itself.
/// </summary>
public sealed class WebhookJobFunctions(WebhookDeliverer deliverer, WebhookDispatcher dispatcher)
{
    [Function(JobTable.DeliverWebhooks)]
    public Task DeliverWebhooks(
        [QueueTrigger(StorageNames.WebhookQueue, Connection = SurveyFunctionsOptions.StorageConnectionSetting)] string message,
        CancellationToken ct) => deliverer.ProcessMessageAsync(message, ct);

    [Function(JobTable.SweepWebhooks)]
    public Task SweepWebhooks([TimerTrigger(JobTable.WebhookSweepSchedule)] TimerInfo timer, CancellationToken ct) => dispatcher.RunAsync(ct);
}
