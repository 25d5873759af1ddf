using System.Globalization;
using System.Text.Json;

namespace SurveyFunctions.Storage;

/// <summary>
/// Entity (de)serialization in the OData JSON format of the Table service. Types that JSON cannot carry unambiguously
/// get an "@odata.type" annotation so they read back as the same CLR type: Int64 (as a string, beyond 2^53), DateTime,
/// Guid, Binary and Double (so 1.0 does not come back as Int32). Int32, Boolean and String need none.
/// </summary>
internal static class TableEntityJson
{
    private const string TypeSuffix = "@odata.type";
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private static readonly JsonEncodedText EdmInt64 = JsonEncodedText.Encode("Edm.Int64");
    private static readonly JsonEncodedText EdmDouble = JsonEncodedText.Encode("Edm.Double");
    private static readonly JsonEncodedText EdmDateTime = JsonEncodedText.Encode("Edm.DateTime");
    private static readonly JsonEncodedText EdmGuid = JsonEncodedText.Encode("Edm.Guid");
    private static readonly JsonEncodedText EdmBinary = JsonEncodedText.Encode("Edm.Binary");
    private static readonly JsonEncodedText PartitionKeyProperty = JsonEncodedText.Encode(TableEntity.PartitionKeyName);
    private static readonly JsonEncodedText RowKeyProperty = JsonEncodedText.Encode(TableEntity.RowKeyName);

    public static void Write(Utf8JsonWriter writer, TableEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString(PartitionKeyProperty, entity.PartitionKey);
        writer.WriteString(RowKeyProperty, entity.RowKey);
        foreach (var (name, value) in entity)
        {
            if (value is null || IsSystemOrMetadata(name))
            {
                // Tables cannot store null; Timestamp and OData metadata are the service's to set.
                continue;
            }
            WriteProperty(writer, name, value);
        }
        writer.WriteEndObject();
    }

    private static bool IsSystemOrMetadata(string name) =>
        name is TableEntity.PartitionKeyName or TableEntity.RowKeyName or TableEntity.TimestampName ||
        name.StartsWith("odata.", StringComparison.Ordinal) ||
        name.Contains('@', StringComparison.Ordinal);

    private static void WriteProperty(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string s:
                writer.WriteString(name, s);
                break;
            case int i:
                writer.WriteNumber(name, i);
                break;
            case bool b:
                writer.WriteBoolean(name, b);
                break;
            case long l:
                writer.WriteString(name, l.ToString(CultureInfo.InvariantCulture));
                WriteType(writer, name, EdmInt64);
                break;
            case double d:
                WriteDouble(writer, name, d);
                break;
            case float f:
                WriteDouble(writer, name, f);
                break;
            case DateTimeOffset dto:
                writer.WriteString(name, dto.UtcDateTime.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                WriteType(writer, name, EdmDateTime);
                break;
            case DateTime dt:
                var utc = dt.Kind switch
                {
                    DateTimeKind.Local => dt.ToUniversalTime(),
                    // Unspecified is taken as UTC: the service has no notion of local time.
                    _ => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
                };
                writer.WriteString(name, utc.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                WriteType(writer, name, EdmDateTime);
                break;
            case Guid g:
                writer.WriteString(name, g);
                WriteType(writer, name, EdmGuid);
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                WriteType(writer, name, EdmBinary);
                break;
            default:
                throw new ArgumentException($"Property '{name}' has unsupported type {value.GetType().FullName}; use string, int, long, double, bool, DateTimeOffset, DateTime, Guid or byte[].", nameof(value));
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, string name, double d)
    {
        if (double.IsFinite(d))
        {
            writer.WriteNumber(name, d);
        }
        else
        {
            // JSON has no NaN/Infinity numbers; OData carries them as strings of the annotated type.
            writer.WriteString(name, double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
        WriteType(writer, name, EdmDouble);
    }

    private static void WriteType(Utf8JsonWriter writer, string name, JsonEncodedText type) =>
        writer.WriteString(name + TypeSuffix, type);

    /// <summary>Reads one entity object (minimal or full metadata).</summary>
    public static TableEntity Read(JsonElement element)
    {
        // First pass: type annotations, allocated only if present (Int32/String/Boolean-only entities have none).
        Dictionary<string, string>? types = null;
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            count++;
            var name = property.Name;
            if (name.EndsWith(TypeSuffix, StringComparison.Ordinal) && property.Value.ValueKind == JsonValueKind.String)
            {
                types ??= new Dictionary<string, string>(StringComparer.Ordinal);
                types[name[..^TypeSuffix.Length]] = property.Value.GetString()!;
            }
        }

        var entity = new TableEntity(count);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name.StartsWith("odata.", StringComparison.Ordinal))
            {
                if (name == "odata.etag")
                {
                    entity.ETag = property.Value.GetString();
                }
                continue;
            }
            if (name.Contains('@', StringComparison.Ordinal))
            {
                continue;
            }
            if (name == TableEntity.TimestampName)
            {
                entity[name] = ParseDateTime(property.Value.GetString()!, name);
                continue;
            }
            string? type = null;
            types?.TryGetValue(name, out type);
            var value = ReadValue(name, property.Value, type);
            if (value is not null)
            {
                entity[name] = value;
            }
        }
        return entity;
    }

    private static object? ReadValue(string name, JsonElement value, string? type)
    {
        switch (type)
        {
            case null:
                return value.ValueKind switch
                {
                    JsonValueKind.String => value.GetString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number => ReadUntypedNumber(value),
                    JsonValueKind.Null => null,
                    _ => throw new FormatException($"Property '{name}' has an unexpected JSON {value.ValueKind}."),
                };
            case "Edm.String":
                return value.GetString();
            case "Edm.Int32":
                return value.ValueKind == JsonValueKind.String
                    ? int.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : value.GetInt32();
            case "Edm.Int64":
                return value.ValueKind == JsonValueKind.String
                    ? long.Parse(value.GetString()!, NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : value.GetInt64();
            case "Edm.Double":
                return value.ValueKind == JsonValueKind.String ? ParseDoubleString(value.GetString()!) : value.GetDouble();
            case "Edm.Boolean":
                return value.GetBoolean();
            case "Edm.DateTime":
                return ParseDateTime(value.GetString()!, name);
            case "Edm.Guid":
                return Guid.Parse(value.GetString()!);
            case "Edm.Binary":
                return value.GetBytesFromBase64();
            default:
                throw new FormatException($"Property '{name}' has unsupported type '{type}'.");
        }
    }

    // Without an annotation the service means Int32 (or Double when the text has a fraction/exponent).
    private static object ReadUntypedNumber(JsonElement value)
    {
        var raw = value.GetRawText();
        if (raw.AsSpan().IndexOfAny(".eE") < 0)
        {
            if (value.TryGetInt32(out var i))
            {
                return i;
            }
            if (value.TryGetInt64(out var l))
            {
                return l;
            }
        }
        return value.GetDouble();
    }

    private static double ParseDoubleString(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" or "INF" => double.PositiveInfinity,
        "-Infinity" or "-INF" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset ParseDateTime(string text, string name)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var result))
        {
            return result;
        }
        throw new FormatException($"Property '{name}' is not a valid Edm.DateTime.");
    }
}
