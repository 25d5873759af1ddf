using System.Globalization;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// Keys of the webhook tables. <c>webhooks</c>: PK tenant id, RK endpoint id (<c>wh_…</c>): one endpoint; PK
/// <see cref="DispatchPartition"/>, RK tenant id: the tenant's dispatch cursor (the last event sequence fanned out to its
/// endpoints). <c>webhookdeliveries</c>: PK <c>{tenant}|{endpoint}</c>, RK inverted attempt time + random: the endpoint's
/// attempts, newest first, so a page of the delivery log is one range query.
/// </summary>
public static class WebhookKeys
{
    public const string IdPrefix = "wh";
    public const string DeliveryPrefix = "dlv";

    /// <summary>Tenant ids are <c>tnt_…</c>: never this.</summary>
    public const string DispatchPartition = "dispatch";

    public static string NewEndpointId() => RandomIds.New(IdPrefix);

    public static string NewDeliveryId() => RandomIds.New(DeliveryPrefix);

    /// <summary>What an endpoint id or delivery id looks like; anything else is not found without a storage read.</summary>
    public static bool IsId(string? value, string prefix) =>
        value is not null && value.Length == prefix.Length + 17 && value.StartsWith(prefix + "_", StringComparison.Ordinal)
        && value.AsSpan(prefix.Length + 1).ToString().All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c));

    public static string AttemptPartition(string tenantId, string endpointId) => tenantId + "|" + endpointId;

    public static string AttemptRow(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + RandomIds.Alphanumeric(8);
}
