using System.Text.Json;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>
/// Reads a question text or option label: a string, or an object with one string per language of the survey, each
/// language present (so every respondent sees a text in the language they chose).
/// </summary>
internal static class LocalizedTextInput
{
    public static Outcome<LocalizedText> Parse(JsonElement value, string field, IReadOnlyList<string> languages, int maxLength)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            var text = value.GetString()!;
            return Check(text, field, maxLength) ?? (Outcome<LocalizedText>)LocalizedText.Of(text);
        }
        if (value.ValueKind != JsonValueKind.Object)
            return InputPath.Invalid(field,
                $"'{field}' must be a string, or an object with one string per language such as {{\"{languages[0]}\": \"…\"}}.");

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var property in value.EnumerateObject())
        {
            var path = $"{field}.{property.Name}";
            var language = languages.FirstOrDefault(l => string.Equals(l, property.Name, StringComparison.OrdinalIgnoreCase));
            if (language is null)
                return InputPath.Invalid(path, $"'{Short(path)}' is not one of the survey's languages ({string.Join(", ", languages)}).");
            if (pairs.Any(p => p.Key == language))
                return InputPath.Invalid(path, $"'{Short(path)}' gives language '{language}' twice.");
            if (property.Value.ValueKind != JsonValueKind.String)
                return InputPath.Invalid(path, $"'{Short(path)}' must be a string.");
            var text = property.Value.GetString()!;
            if (Check(text, path, maxLength) is { } error)
                return error;
            pairs.Add(new(language, text));
        }
        var missing = languages.FirstOrDefault(l => pairs.All(p => p.Key != l));
        if (missing is not null)
            return InputPath.Invalid(field,
                $"'{field}' has no text for the survey's language '{missing}'; give one per language ({string.Join(", ", languages)}) or a single " +
                "string.");
        // Stored in the survey's language order, so the same text always looks the same.
        return LocalizedText.PerLanguage(languages.Select(l => pairs.First(p => p.Key == l)));
    }

    private static ApiError? Check(string text, string field, int maxLength)
    {
        if (text.Trim().Length == 0)
            return InputPath.Invalid(field, $"'{Short(field)}' must not be empty.");
        if (text.Length > maxLength)
            return InputPath.Invalid(field, $"'{Short(field)}' must be at most {maxLength} characters.");
        if (JsonFields.HasControlCharacters(text))
            return InputPath.Invalid(field, $"'{Short(field)}' must not contain control characters (such as U+0000); tabs and line breaks are fine.");
        return null;
    }

    /// <summary>Paths can end in a client's language key; keep messages short whatever was sent.</summary>
    private static string Short(string path) => path.Length > 120 ? path[..120] + "…" : path;
}
