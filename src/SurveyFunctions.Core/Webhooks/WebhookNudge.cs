using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.EventLog;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// Starts a tenant's dispatch (<see cref="WebhookDispatcher"/>) as soon as one of its events is recorded, in the background:
/// the append that told it returns at once. A dispatch that fails, or never starts (the process dies), is made good by the
/// sweep. The dispatcher is resolved on first use: it reads the event log, which tells this, so it cannot be a constructor
/// argument here.
/// </summary>
public sealed class WebhookNudge(IServiceProvider services, ILogger<WebhookNudge> logger) : IEventAppendListener
{
    private WebhookDispatcher? _dispatcher;

    public void Appended(string tenantId)
    {
        _dispatcher ??= services.GetRequiredService<WebhookDispatcher>();
        var dispatcher = _dispatcher;
        _ = Task.Run(async () =>
        {
            try
            {
                await dispatcher.DispatchAsync(tenantId, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Log.WebhookDispatchDeferred(logger, ex, tenantId);
            }
        });
    }
}
