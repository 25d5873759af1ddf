using Azure.Data.Tables;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>An endpoint as its table row (<see cref="WebhookKeys"/>).</summary>
internal static class WebhookEndpointRows
{
    public static TableEntity ToEntity(WebhookEndpoint e) => new(e.TenantId, e.Id)
    {
        ["Url"] = e.Url,
        ["EventTypes"] = string.Join(',', e.EventTypes),
        ["Enabled"] = e.Enabled,
        ["Description"] = e.Description,
        ["DisabledReason"] = e.DisabledReason,
        ["CreatedAt"] = e.CreatedAt,
        ["UpdatedAt"] = e.UpdatedAt,
        ["Secret"] = e.Secret,
        ["PreviousSecret"] = e.PreviousSecret,
        ["PreviousSecretUntil"] = e.PreviousSecretUntil,
        ["FailingSince"] = e.FailingSince,
        ["LastFailureAt"] = e.LastFailureAt,
        ["ConsecutiveFailures"] = e.ConsecutiveFailures,
    };

    public static WebhookEndpoint FromEntity(TableEntity row) => new()
    {
        TenantId = row.PartitionKey,
        Id = row.RowKey,
        Url = row.GetString("Url") ?? "",
        EventTypes = (row.GetString("EventTypes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        Enabled = row.GetBoolean("Enabled") ?? false,
        Description = row.GetString("Description"),
        DisabledReason = row.GetString("DisabledReason"),
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue,
        Secret = row.GetString("Secret") ?? "",
        PreviousSecret = row.GetString("PreviousSecret"),
        PreviousSecretUntil = row.GetDateTimeOffset("PreviousSecretUntil"),
        FailingSince = row.GetDateTimeOffset("FailingSince"),
        LastFailureAt = row.GetDateTimeOffset("LastFailureAt"),
        ConsecutiveFailures = row.GetInt32("ConsecutiveFailures") ?? 0,
    };
}
