using System.Text.Json;
using System.Text.Json.Serialization;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// One delivery attempt on the queue: which tenant's event (by its sequence in the log and its id, the
/// <c>webhook-id</c>) goes to which endpoint, the how-many-th attempt of delivery <see cref="DeliveryId"/> it is, when the
/// delivery's first attempt was due (retries stop a retry period after it) and when this attempt is due. <see cref="Spaced"/>:
/// the first attempt was already put off once because its endpoint was failing (<see cref="WebhookDeliverer"/>).
/// </summary>
public sealed record WebhookMessage(
    [property: JsonPropertyName("t")] string TenantId,
    [property: JsonPropertyName("w")] string EndpointId,
    [property: JsonPropertyName("d")] string DeliveryId,
    [property: JsonPropertyName("s")] long Sequence,
    [property: JsonPropertyName("e")] string EventId,
    [property: JsonPropertyName("n")] int Attempt,
    [property: JsonPropertyName("f")] DateTimeOffset FirstDueAt,
    [property: JsonPropertyName("due")] DateTimeOffset DueAt,
    [property: JsonPropertyName("p")] bool Spaced = false)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    /// <summary>The message, or null for text that is not one (it is dropped: nothing could deliver it).</summary>
    public static WebhookMessage? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<WebhookMessage>(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
