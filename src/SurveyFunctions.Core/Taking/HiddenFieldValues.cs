using System.Collections.ObjectModel;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// The hidden-field values a session starts with, from every family's way of giving them: <c>hidden[name]=value</c> query
/// parameters (Take's first call, the hosted pages' URLs, the panelist API's open call) or a JSON object
/// (<c>"hidden_fields": {…}</c> in the Responses offer). Values are text of at most <see cref="MaxValueLength"/> characters
/// without control characters; they are stored as given and escaped wherever they are shown.
/// </summary>
public static class HiddenFieldValues
{
    public const int MaxValueLength = 500;
    private const string QueryPrefix = "hidden[";

    /// <summary>Every <c>hidden[name]</c> parameter of the query (an empty set when there is none); a bad value is a 400 naming it.</summary>
    public static Outcome<ReadOnlyDictionary<string, string>> FromQuery(IQueryCollection query)
    {
        Dictionary<string, string>? values = null;
        foreach (var (key, value) in query)
        {
            if (!key.StartsWith(QueryPrefix, StringComparison.Ordinal) || !key.EndsWith(']'))
                continue;
            var name = key[QueryPrefix.Length..^1];
            if (value.Count != 1 || !IsValue(value[0]))
                return ApiError.BadRequest($"The '{Shorten(key)}' parameter must be given once, as 0 to {MaxValueLength} characters without " +
                    "control characters.", Shorten(key));
            (values ??= [])[name] = value[0]!;
        }
        return values is null ? ReadOnlyDictionary<string, string>.Empty : values.AsReadOnly();
    }

    /// <summary>A JSON object of text values at <paramref name="path"/> (absent or null: none); every name must be declared by the survey.</summary>
    public static Outcome<ReadOnlyDictionary<string, string>> FromJson(JsonElement? json, string path, Survey survey)
    {
        if (json is not { ValueKind: not JsonValueKind.Null } given)
            return ReadOnlyDictionary<string, string>.Empty;
        if (given.ValueKind != JsonValueKind.Object)
            return ApiError.BadRequest($"'{path}' must be an object of text values, such as {{\"source\": \"email\"}}.", path);
        var values = new Dictionary<string, string>();
        foreach (var property in given.EnumerateObject())
        {
            var field = $"{path}.{Shorten(property.Name)}";
            if (!survey.HiddenFields.Contains(property.Name))
                return ApiError.BadRequest($"'{field}' is not a hidden field of this survey; it declares: " +
                    $"{(survey.HiddenFields.Count == 0 ? "none" : string.Join(", ", survey.HiddenFields))}.", field);
            if (property.Value.ValueKind != JsonValueKind.String || !IsValue(property.Value.GetString()))
                return ApiError.BadRequest($"'{field}' must be text of at most {MaxValueLength} characters without control characters.", field);
            values[property.Name] = property.Value.GetString()!;
        }
        return values.AsReadOnly();
    }

    /// <summary>The values of the survey's declared hidden fields; others (a URL may carry anything) are left out.</summary>
    public static IReadOnlyDictionary<string, string> Declared(Survey survey, IReadOnlyDictionary<string, string> given) =>
        given.Count == 0 || survey.HiddenFields.Count == 0
            ? SurveySession.NoHiddenFields
            : given.Where(p => survey.HiddenFields.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);

    private static bool IsValue(string? text) => text is not null && text.Length <= MaxValueLength && !JsonFields.HasControlCharacters(text);

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "…";
}
