using System.Globalization;
using System.Text.Json;

namespace SurveyFunctions.Core.Counting;

/// <summary>The queue message: "aggregate the pending batches of vote partition N". Small, and idempotent to process.</summary>
public static class AggregationMessage
{
    public static string Create(int partitionIndex) =>
        "{\"partition\":" + partitionIndex.ToString(CultureInfo.InvariantCulture) + "}";

    /// <summary>Null for a message that is not ours; the caller treats that as poison.</summary>
    public static int? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("partition", out var p) &&
                   p.TryGetInt32(out var index) && index is >= 0 and < 100
                ? index
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
