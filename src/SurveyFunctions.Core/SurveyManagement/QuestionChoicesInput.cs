using System.Globalization;
using System.Text.Json;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>
/// What a question of a pages body offers to answer with: a choice question's <c>options</c>, or a rating or NPS
/// question's <c>scale</c>, within <see cref="SurveyPagesInput"/>'s limits. Each rejection names its path
/// (<c>pages[0].questions[2].options[1].label</c>).
/// </summary>
internal static class QuestionChoicesInput
{
    internal static readonly string[] OptionFields = ["id", "client_id", "label", "disqualify"];
    internal static readonly string[] ScaleFields = ["min", "max", "labels"];

    /// <summary>
    /// A choice question's options: a localized <c>label</c> distinct from the others' in every language, an optional
    /// <c>disqualify</c>, and an <c>id</c> that is the client's own (a string, or <c>client_id</c>) or, when editing, ours.
    /// </summary>
    public static Outcome<IReadOnlyList<OptionDraft>> ParseOptions(JsonElement json, string path, IReadOnlyList<string> languages)
    {
        var options = new List<OptionDraft>();
        var clientIds = new HashSet<string>(StringComparer.Ordinal);
        var o = 0;
        foreach (var optionJson in json.EnumerateArray())
        {
            var optionPath = $"{path}[{o++}]";
            if (optionJson.ValueKind != JsonValueKind.Object)
                return InputPath.Invalid(optionPath, $"'{optionPath}' must be an object with a 'label' (and optional 'id', 'disqualify').");
            if (InputPath.Unknown(optionJson, optionPath, OptionFields) is { } unknown)
                return unknown;
            var f = new JsonFields(optionJson);
            var disqualify = f.Flag("disqualify") ?? false;
            var clientIdField = f.Text("client_id", maxLength: SurveyPagesInput.MaxClientId, minLength: 1);
            if (f.Error is not null)
                return InputPath.Nested(f.Error, optionPath);
            if (clientIdField is not null && !IsClientId(clientIdField))
                return InputPath.Invalid($"{optionPath}.client_id", $"'{optionPath}.client_id' may contain only letters, digits, '_' and '-'.");

            // "id" is either the client's own option id (a string) or, when editing, the integer id we gave the option.
            long? id = null;
            var clientId = clientIdField;
            if (optionJson.TryGetProperty("id", out var idJson) && idJson.ValueKind != JsonValueKind.Null)
            {
                if (idJson.ValueKind == JsonValueKind.String)
                {
                    var text = idJson.GetString()!;
                    if (text.Length is 0 or > SurveyPagesInput.MaxClientId || !IsClientId(text))
                        return InputPath.Invalid($"{optionPath}.id",
                            $"'{optionPath}.id' must be 1 to {SurveyPagesInput.MaxClientId} letters, digits, '_' or '-'.");
                    if (clientIdField is not null && clientIdField != text)
                        return InputPath.Invalid($"{optionPath}.client_id", $"'{optionPath}.client_id' differs from its 'id'; give one of them.");
                    clientId = text;
                }
                else if (idJson.ValueKind == JsonValueKind.Number && idJson.TryGetInt64(out var number) && number >= 1)
                {
                    id = number;
                }
                else
                {
                    return InputPath.Invalid($"{optionPath}.id",
                        $"'{optionPath}.id' must be a string (your own option id) or the option's integer id.");
                }
            }
            if (clientId is not null && !clientIds.Add(clientId))
                return InputPath.Invalid($"{optionPath}.id", $"'{optionPath}.id' \"{clientId}\" is used by another option of this question.");
            if (InputPath.IsMissing(optionJson, "label"))
                return InputPath.Invalid($"{optionPath}.label", $"'{optionPath}.label' is required.");
            var label = LocalizedTextInput.Parse(optionJson.GetProperty("label"), $"{optionPath}.label", languages, SurveyPagesInput.MaxOptionLabel);
            if (!label.IsSuccess)
                return label.Error;
            foreach (var language in languages)
            {
                var shown = label.Value.Resolve(language, languages[0]);
                if (options.Any(other => other.Label.Resolve(language, languages[0]) == shown))
                    return InputPath.Invalid($"{optionPath}.label",
                        $"'{optionPath}.label' \"{Short(shown)}\" is the label of another option of this " +
                        $"question{(languages.Count > 1 ? $" (in '{language}')" : "")}.");
            }
            options.Add(new OptionDraft(id, clientId, label.Value, disqualify));
        }
        return options;
    }

    /// <summary>A rating or NPS question's <c>scale</c>: min, max and localized labels; the type's default when absent.</summary>
    public static Outcome<RatingScale> ParseScale(JsonElement? json, QuestionType type, string path, IReadOnlyList<string> languages)
    {
        var fallback = type == QuestionType.Nps ? RatingScale.Nps : RatingScale.DefaultRating;
        if (json is not { } scale)
            return fallback;
        if (InputPath.Unknown(scale, path, ScaleFields) is { } unknown)
            return unknown;
        var f = new JsonFields(scale);
        var min = f.Number("min", SurveyPagesInput.MinScaleValue, SurveyPagesInput.MaxScaleValue) ?? fallback.Min;
        var max = f.Number("max", SurveyPagesInput.MinScaleValue, SurveyPagesInput.MaxScaleValue) ?? fallback.Max;
        var labelsJson = f.Map("labels");
        if (f.Error is not null)
            return InputPath.Nested(f.Error, path);
        if (type == QuestionType.Nps && (min != QuestionTypes.NpsMin || max != QuestionTypes.NpsMax))
            return InputPath.Invalid($"{path}.{(min != QuestionTypes.NpsMin ? "min" : "max")}",
                $"'{path}': an nps scale is always {QuestionTypes.NpsMin} to {QuestionTypes.NpsMax}.");
        if (min >= max)
            return InputPath.Invalid($"{path}.max", $"'{path}.max' must be greater than 'min' ({min}).");

        var labels = new List<KeyValuePair<int, LocalizedText>>();
        if (labelsJson is { } labelsObject)
        {
            foreach (var property in labelsObject.EnumerateObject())
            {
                var labelPath = $"{path}.labels.{property.Name}";
                if (!int.TryParse(property.Name, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min
                    || value > max)
                    return InputPath.Invalid(labelPath, $"'{Short(labelPath)}': a label's key must be a whole number from {min} to {max}.");
                if (labels.Any(l => l.Key == value))
                    return InputPath.Invalid(labelPath, $"'{Short(labelPath)}' labels {value} a second time.");
                var label = LocalizedTextInput.Parse(property.Value, labelPath, languages, SurveyPagesInput.MaxScaleLabel);
                if (!label.IsSuccess)
                    return label.Error;
                labels.Add(new(value, label.Value));
            }
        }
        return new RatingScale((int)min, (int)max, labels.OrderBy(l => l.Key).ToArray());
    }

    private static bool IsClientId(string text) => text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string Short(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
