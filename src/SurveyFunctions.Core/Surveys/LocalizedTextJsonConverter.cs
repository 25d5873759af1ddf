using System.Text.Json;
using System.Text.Json.Serialization;
using SurveyFunctions.Core.SurveyManagement;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// Writes a <see cref="LocalizedText"/> as a JSON string or an object of per-language strings, and reads the same back
/// (for stored definitions; request bodies go through <see cref="SurveyInput"/>, which reports errors by field).
/// </summary>
public sealed class LocalizedTextJsonConverter : JsonConverter<LocalizedText>
{
    public override LocalizedText Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
            return LocalizedText.Of(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("Localized text must be a string or an object of per-language strings.");
        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var language = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
                throw new JsonException("Each language of a localized text must map to a string.");
            pairs.Add(new(language, reader.GetString()!));
        }
        return LocalizedText.PerLanguage(pairs);
    }

    public override void Write(Utf8JsonWriter writer, LocalizedText value, JsonSerializerOptions options)
    {
        if (!value.IsPerLanguage)
        {
            writer.WriteStringValue(value.Text);
            return;
        }
        writer.WriteStartObject();
        foreach (var (language, text) in value.ByLanguage)
            writer.WriteString(language, text);
        writer.WriteEndObject();
    }
}
