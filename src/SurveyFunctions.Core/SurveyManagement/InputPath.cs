using System.Text.Json;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>
/// Helpers for validating nested survey input: errors name the full path of the offending field
/// (<c>pages[0].questions[1].options[2].label</c>), and unknown fields are refused rather than silently dropped
/// (a mistyped <c>stop_criterea</c> would otherwise leave a survey running forever).
/// </summary>
internal static class InputPath
{
    public static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    public static ApiError Invalid(string field, string message) => ApiError.BadRequest(message, field);

    /// <summary>Re-roots an error of <see cref="JsonFields"/> (which names the field relative to its object) under
    /// <paramref name="prefix"/>.</summary>
    public static ApiError Nested(ApiError error, string prefix)
    {
        if (prefix.Length == 0 || error.Field is null)
            return error;
        var field = Join(prefix, error.Field);
        return error with { Field = field, Message = error.Message.Replace($"'{error.Field}'", $"'{field}'", StringComparison.Ordinal) };
    }

    /// <summary>The first property of <paramref name="obj"/> not in <paramref name="allowed"/>, as a validation error.</summary>
    public static ApiError? Unknown(JsonElement obj, string prefix, IReadOnlyCollection<string> allowed)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                var field = Join(prefix, property.Name);
                var shown = field.Length > 100 ? field[..100] + "…" : field;
                return Invalid(field, $"Unknown field '{shown}'; expected one of: {string.Join(", ", allowed)}.");
            }
        }
        return null;
    }

    /// <summary>True for an absent property or JSON null.</summary>
    public static bool IsMissing(JsonElement obj, string name) =>
        !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;
}
