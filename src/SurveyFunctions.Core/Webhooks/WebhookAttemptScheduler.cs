using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// The delivery queue: one message per attempt, invisible until the attempt is due, so a retry waits in the queue and not
/// in a worker. A message is invisible at most <see cref="SurveyFunctionsOptions.WebhookMaxDelaySeconds"/>; one that shows
/// up before it is due (by the app's clock) is put back (<see cref="WebhookDeliverer"/>).
/// </summary>
public sealed class WebhookAttemptScheduler(SurveyStorage storage, TimeProvider time, IOptions<SurveyFunctionsOptions> options)
{
    public async Task SendAsync(WebhookMessage message, CancellationToken ct)
    {
        var wait = message.DueAt - time.GetUtcNow();
        var max = TimeSpan.FromSeconds(options.Value.WebhookMaxDelaySeconds);
        var visibility = wait <= TimeSpan.Zero ? (TimeSpan?)null : wait > max ? max : wait;
        await storage.WebhookQueue.SendMessageAsync(message.ToJson(), visibility, cancellationToken: ct).ConfigureAwait(false);
    }
}
