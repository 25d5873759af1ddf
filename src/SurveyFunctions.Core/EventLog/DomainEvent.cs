using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.EventLog;

/// <summary>
/// Something that happened to a tenant's resource, as receivers get it: <see cref="Id"/>, <see cref="Type"/>, the tenant,
/// the resource's ids, when it happened and a body with what a receiver needs without calling back.
/// <para>
/// <see cref="Key"/> names the change that caused it (for example the completion of one session), so deriving the event
/// again from the same committed change (a retry, the recovery job) gives the same key, and the log records a key once
/// (<see cref="EventStore.AppendAsync"/>). The id is a ULID of <see cref="OccurredAt"/> whose random part is the key's hash.
/// </para>
/// </summary>
public sealed record DomainEvent
{
    public const string IdPrefix = "evt_";

    public required string Key { get; init; }
    public required string Type { get; init; }
    public required string TenantId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The ids of what the event is about (<c>survey_uuid</c>, <c>session_id</c>, <c>poll_id</c>…).</summary>
    public required JsonObject Resource { get; init; }

    public required JsonObject Data { get; init; }

    public string Id => IdPrefix + Ulids.Format(Math.Max(0, OccurredAt.ToUnixTimeMilliseconds()), KeyHash(Key));

    /// <summary>The dedup row's key: the key's SHA-256, base64url (keys may hold characters a row key must not).</summary>
    public string KeyDigest => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>An instant as every reply writes it (<see cref="ApiJson"/>), for event bodies.</summary>
    public static JsonNode? Instant(DateTimeOffset? at) => at is null ? null : JsonSerializer.SerializeToNode(at.Value, ApiJson.Options);

    private static UInt128 KeyHash(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        UInt128 value = 0;
        for (var i = 0; i < 10; i++)
            value = (value << 8) | hash[i];
        return value;
    }
}

/// <summary>An event as the log holds it: its place in the tenant's commit order and when it was recorded.</summary>
public sealed record StoredEvent(DomainEvent Event, long Sequence, DateTimeOffset RecordedAt)
{
    /// <summary>What receivers get, in the feed and in webhook deliveries alike.</summary>
    public EventView ToView() => new(Event.Id, Event.Type, Event.TenantId, Event.OccurredAt, Event.Resource, Event.Data);
}

/// <summary>An event on the wire (snake_case with <see cref="ApiJson"/>).</summary>
public sealed record EventView(string Id, string Type, string TenantId, DateTimeOffset OccurredAt, JsonObject Resource, JsonObject Data);
