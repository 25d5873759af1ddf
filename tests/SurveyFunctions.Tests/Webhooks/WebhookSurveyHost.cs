using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Webhooks;

/// <summary>
/// Jobs on, webhooks may reach the test's own receiver (plain http to loopback, as local runs allow), and a waiting
/// delivery is looked at again every second, so moving the test clock past a retry's time is seen at once.
/// </summary>
public sealed class WebhookSurveyHost : SurveyHost
{
    protected override IEnumerable<string> ExtraArgs =>
    [
        "--SurveyFunctions:WebhookAllowedHttpHosts=127.0.0.1,localhost",
        "--SurveyFunctions:WebhookMaxDelaySeconds=1",
        "--SurveyFunctions:WebhookSweepIntervalSeconds=2",
    ];
}
