using Microsoft.Extensions.Logging;

namespace SurveyFunctions.Core;

/// <summary>The webhooks' messages (event ids 80–89), beside <see cref="Log"/>'s others.</summary>
internal static partial class Log
{
    [LoggerMessage(80, LogLevel.Warning, "Dispatching the webhook deliveries of tenant {TenantId} failed now; the sweep will queue them")]
    public static partial void WebhookDispatchDeferred(ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(81, LogLevel.Error, "A webhook delivery message could not be read; it was dropped")]
    public static partial void WebhookMessageUnreadable(ILogger logger);
}
