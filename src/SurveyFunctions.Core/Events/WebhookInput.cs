using System.Text.Json;
using SurveyFunctions.Core.EventLog;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Webhooks;

namespace SurveyFunctions.Core.Events;

/// <summary>The body of a webhook endpoint's creation and of its update: validated field by field, unknown fields refused.</summary>
public static class WebhookInput
{
    public const int MaxDescription = 500;

    /// <summary>The fields a creation or an update may carry (the OpenAPI document lists the same).</summary>
    public static IReadOnlyList<string> Fields { get; } = ["url", "event_types", "enabled", "description"];
    private static readonly Dictionary<string, string> ServerSet = new(StringComparer.Ordinal)
    {
        ["id"] = "'id' is set by the server.",
        ["secret"] = "'secret' is set by the server: rotate it with POST /api/webhooks/{id}/rotate-secret.",
        ["disabled_reason"] = "'disabled_reason' is set by the server; set 'enabled' to true to enable the endpoint again.",
        ["created_at"] = "'created_at' is set by the server.",
        ["updated_at"] = "'updated_at' is set by the server.",
        ["previous_secret_expires_at"] = "'previous_secret_expires_at' is set by the server.",
    };

    /// <summary>A new endpoint (its secret is the caller's, already protected for storage).</summary>
    public static Outcome<WebhookEndpoint> ParseCreate(JsonElement body, WebhookTargets targets, string tenantId, string protectedSecret,
        DateTimeOffset now)
    {
        var fields = new JsonFields(body);
        fields.RejectUnknown(Fields, ServerSet);
        var url = fields.Text("url", required: true, maxLength: WebhookTargets.MaxUrlLength);
        var types = EventTypeList(fields);
        var enabled = fields.Flag("enabled") ?? true;
        var description = fields.Text("description", maxLength: MaxDescription);
        if (fields.Error is not null)
            return fields.Error;
        var target = targets.Check(url!);
        if (!target.IsSuccess)
            return target.Error;
        return new WebhookEndpoint
        {
            TenantId = tenantId,
            Id = WebhookKeys.NewEndpointId(),
            Url = target.Value.AbsoluteUri,
            EventTypes = types ?? [],
            Enabled = enabled,
            Description = description,
            CreatedAt = now,
            UpdatedAt = now,
            Secret = protectedSecret,
        };
    }

    /// <summary>
    /// The endpoint with the body's fields applied (absent: unchanged; <c>description</c> null clears it). Enabling an endpoint
    /// clears why it was disabled and its failure streak, so it starts afresh.
    /// </summary>
    public static Outcome<WebhookEndpoint> ApplyPatch(WebhookEndpoint endpoint, JsonElement body, WebhookTargets targets, DateTimeOffset now)
    {
        var fields = new JsonFields(body);
        fields.RejectUnknown(Fields, ServerSet);
        var url = fields.Text("url", maxLength: WebhookTargets.MaxUrlLength);
        var types = EventTypeList(fields);
        var enabled = fields.Flag("enabled");
        var description = fields.Text("description", maxLength: MaxDescription);
        if (fields.Has("url") && !fields.HasValue("url"))
            fields.Reject("url", "'url' must not be null.");
        if (fields.Has("enabled") && !fields.HasValue("enabled"))
            fields.Reject("enabled", "'enabled' must be true or false, not null.");
        if (fields.Error is not null)
            return fields.Error;
        var patched = endpoint with { UpdatedAt = now };
        if (url is not null)
        {
            var target = targets.Check(url);
            if (!target.IsSuccess)
                return target.Error;
            patched = patched with { Url = target.Value.AbsoluteUri };
        }
        if (fields.Has("event_types"))
            patched = patched with { EventTypes = types ?? [] };
        if (fields.Has("description"))
            patched = patched with { Description = description };
        if (enabled is { } on)
        {
            patched = patched with { Enabled = on };
            if (on && !endpoint.Enabled)
                patched = patched with { DisabledReason = null, ConsecutiveFailures = 0, FailingSince = null, LastFailureAt = null };
        }
        return patched;
    }

    /// <summary><paramref name="name"/>: distinct names of <see cref="EventTypes.All"/>; absent, null or empty means every type.</summary>
    internal static string[]? EventTypeList(JsonFields fields, string name = "event_types")
    {
        if (fields.List(name) is not { } list)
            return null;
        var types = new List<string>();
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !EventTypes.All.Contains(item.GetString(), StringComparer.Ordinal))
            {
                fields.Reject(name, $"'{name}' must list event types, each one of: {string.Join(", ", EventTypes.All)}.");
                return null;
            }
            if (!types.Contains(item.GetString()!, StringComparer.Ordinal))
                types.Add(item.GetString()!);
        }
        return [.. types];
    }
}
