using System.Text.Json;
using System.Text.Json.Nodes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Views;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>
/// Validates survey bodies into a <see cref="SurveyDraft"/>: the create body of <c>POST /api/surveys</c>, and PATCH (the same fields, all
/// optional). Every rejection is a <c>validation_error</c> naming the field's full path. Unknown fields are refused at every
/// level. A PATCH is laid over the stored survey (top-level fields replace, <c>settings</c> fields merge one by one,
/// <c>pages</c> replace whole) and the result is validated exactly like a create, so no rule can be skipped by editing.
/// </summary>
public static class SurveyInput
{
    public const int MaxName = 300;
    public const int MaxDescription = 5000;
    public const int MaxLanguages = 20;
    public const int MaxLanguageTag = 35;

    internal static readonly string[] TopFields = ["name", "description", "languages", "settings", "pages", "hidden_fields"];

    public static Outcome<SurveyDraft> ParseCreate(JsonElement body)
    {
        if (InputPath.Unknown(body, "", TopFields) is { } unknown)
            return unknown;
        var f = new JsonFields(body);
        var name = f.Text("name", required: true, maxLength: MaxName);
        var description = f.Text("description", maxLength: MaxDescription);
        var languagesJson = f.List("languages");
        var settingsJson = f.Map("settings");
        var pagesJson = f.List("pages");
        var hiddenJson = f.List("hidden_fields");
        if (f.Error is not null)
            return f.Error;

        var languages = ParseLanguages(languagesJson);
        if (!languages.IsSuccess)
            return languages.Error;
        var settings = SurveySettingsInput.Parse(settingsJson);
        if (!settings.IsSuccess)
            return settings.Error;
        var pages = SurveyPagesInput.Parse(pagesJson, languages.Value);
        if (!pages.IsSuccess)
            return pages.Error;
        var hidden = SurveyLogicInput.HiddenFields(hiddenJson);
        if (!hidden.IsSuccess)
            return hidden.Error;
        return new SurveyDraft(name!, description, languages.Value, settings.Value, pages.Value, hidden.Value);
    }

    /// <summary>
    /// A PATCH of <paramref name="current"/>: absent fields stay, <c>description: null</c> clears it. Changing
    /// <c>stop_criteria</c> (or <c>start_trigger</c>) without a new <c>stop_value</c> (<c>start_at</c>) drops the old one,
    /// which then has to be given if the new criterion needs it.
    /// </summary>
    public static Outcome<SurveyDraft> ParsePatch(Survey current, JsonElement patch)
    {
        if (InputPath.Unknown(patch, "", TopFields) is { } unknown)
            return unknown;
        var merged = EditableBody(current);
        foreach (var property in patch.EnumerateObject())
        {
            var value = JsonNode.Parse(property.Value.GetRawText());
            if (value is null && property.Name != "description")
                return InputPath.Invalid(property.Name, $"'{property.Name}' cannot be null; leave it out to keep it.");
            if (property.Name == "settings" && value is JsonObject changes)
            {
                var settings = merged["settings"]!.AsObject();
                if (changes.ContainsKey("stop_criteria") && !changes.ContainsKey("stop_value"))
                    settings.Remove("stop_value");
                if (changes.ContainsKey("start_trigger") && !changes.ContainsKey("start_at"))
                    settings.Remove("start_at");
                foreach (var (name, setting) in changes)
                    settings[name] = setting?.DeepClone();
                continue;
            }
            merged[property.Name] = value;
        }
        return ParseCreate(JsonSerializer.SerializeToElement(merged));
    }

    /// <summary>The stored survey as a create body (name, description, languages, settings, pages with our ids).</summary>
    private static JsonObject EditableBody(Survey survey)
    {
        var view = SurveyViews.Full(survey);
        var node = JsonSerializer.SerializeToNode(view, ApiJson.Options)!.AsObject();
        var definition = node["json"]!.AsObject();
        return new JsonObject
        {
            ["name"] = node["name"]!.DeepClone(),
            ["description"] = node["description"]?.DeepClone(),
            ["languages"] = definition["languages"]!.DeepClone(),
            ["settings"] = node["settings"]!.DeepClone(),
            ["pages"] = definition["pages"]!.DeepClone(),
            ["hidden_fields"] = definition["hidden_fields"]!.DeepClone(),
        };
    }

    /// <summary>Language codes in BCP 47 form (<c>en</c>, <c>es</c>, <c>pt-BR</c>, <c>zh-Hant</c>), distinct; the first is the default.</summary>
    private static Outcome<IReadOnlyList<string>> ParseLanguages(JsonElement? json)
    {
        if (json is not { } list)
            return Survey.DefaultLanguages.ToArray();
        var count = list.GetArrayLength();
        if (count == 0)
            return InputPath.Invalid("languages", "'languages' must list at least one language; the first is the default.");
        if (count > MaxLanguages)
            return InputPath.Invalid("languages", $"A survey can have at most {MaxLanguages} languages.");
        var languages = new List<string>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var field = $"languages[{i++}]";
            if (item.ValueKind != JsonValueKind.String || !IsLanguageTag(item.GetString()!))
                return InputPath.Invalid(field, $"'{field}' must be a language code such as \"en\", \"es\" or \"pt-BR\".");
            var language = item.GetString()!;
            if (languages.Any(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase)))
                return InputPath.Invalid(field, $"'{field}' \"{language}\" is listed twice.");
            languages.Add(language);
        }
        return languages;
    }

    /// <summary>A primary subtag of 2–3 letters, then subtags of 1–8 letters or digits: enough of BCP 47 to refuse junk.</summary>
    internal static bool IsLanguageTag(string text)
    {
        if (text.Length is < 2 or > MaxLanguageTag)
            return false;
        var parts = text.Split('-');
        return parts[0].Length is 2 or 3 && parts[0].All(char.IsAsciiLetter) &&
               parts.Skip(1).All(p => p.Length is >= 1 and <= 8 && p.All(char.IsAsciiLetterOrDigit));
    }
}
