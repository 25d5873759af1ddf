using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SurveyFunctions.Core.Http.Json;

/// <summary>Writes instants the way the documented APIs show them: UTC with a 'Z' (<c>2025-01-15T10:30:00Z</c>), milliseconds only when
/// present.</summary>
public sealed class UtcDateTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        var utc = value.UtcDateTime;
        writer.WriteStringValue(utc.ToString(utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-ddTHH:mm:ssZ" : "yyyy-MM-ddTHH:mm:ss.fffZ",
            CultureInfo.InvariantCulture));
    }
}
