using System.Text.Json;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>
/// Reads and checks <c>pages</c> → <c>questions</c> → <c>options</c>/<c>scale</c>. Counts are bounded so a survey always
/// fits one Table Storage entity; identifiers are unique in the survey; a choice question has at least two options with
/// distinct ids and labels; a rating scale has min &lt; max; NPS is always 0–10.
/// </summary>
internal static class SurveyPagesInput
{
    public const int MaxPages = 50;
    public const int MaxQuestionsPerPage = 100;
    public const int MaxQuestions = 200;
    public const int MaxOptionsPerQuestion = 100;
    public const int MaxOptions = 2000;
    public const int MaxQuestionText = 2000;
    public const int MaxOptionLabel = 500;
    public const int MaxScaleLabel = 200;
    public const int MaxIdentifier = 64;
    public const int MaxClientId = 64;
    public const int MinScaleValue = RatingScale.LowestValue;
    public const int MaxScaleValue = RatingScale.HighestValue;

    internal static readonly string[] PageFields = ["identifier", "questions", "branches"];
    internal static readonly string[] QuestionFields = ["id", "identifier", "type", "question", "required", "options", "scale", "display_if"];

    public static Outcome<IReadOnlyList<PageDraft>> Parse(JsonElement? json, IReadOnlyList<string> languages)
    {
        if (json is not { } pagesJson)
            return Array.Empty<PageDraft>();
        if (pagesJson.GetArrayLength() > MaxPages)
            return InputPath.Invalid("pages", $"A survey can have at most {MaxPages} pages.");

        var pages = new List<PageDraft>();
        var identifiers = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var questionIds = new HashSet<long>();
        var optionIds = new HashSet<long>();
        var questionCount = 0;
        var optionCount = 0;
        var p = 0;
        foreach (var pageJson in pagesJson.EnumerateArray())
        {
            var pagePath = $"pages[{p++}]";
            if (pageJson.ValueKind != JsonValueKind.Object)
                return InputPath.Invalid(pagePath, $"'{pagePath}' must be an object with a 'questions' array.");
            if (InputPath.Unknown(pageJson, pagePath, PageFields) is { } unknown)
                return unknown;
            var logic = SurveyLogicInput.Page(pageJson, pagePath);
            if (!logic.IsSuccess)
                return logic.Error;
            var f = new JsonFields(pageJson);
            var questionsJson = f.List("questions", required: true);
            if (f.Error is not null)
                return InputPath.Nested(f.Error, pagePath);
            var count = questionsJson!.Value.GetArrayLength();
            if (count == 0)
                return InputPath.Invalid($"{pagePath}.questions", $"'{pagePath}.questions' must have at least one question.");
            if (count > MaxQuestionsPerPage)
                return InputPath.Invalid($"{pagePath}.questions", $"A page can have at most {MaxQuestionsPerPage} questions.");
            questionCount += count;
            if (questionCount > MaxQuestions)
                return InputPath.Invalid("pages", $"A survey can have at most {MaxQuestions} questions.");

            var questions = new List<QuestionDraft>();
            var q = 0;
            foreach (var questionJson in questionsJson.Value.EnumerateArray())
            {
                var path = $"{pagePath}.questions[{q++}]";
                var question = ParseQuestion(questionJson, path, languages);
                if (!question.IsSuccess)
                    return question.Error;
                var draft = question.Value;
                if (draft.Identifier is { } identifier && !identifiers.Add(identifier))
                    return InputPath.Invalid($"{path}.identifier",
                        $"'{path}.identifier' \"{identifier}\" is already used by another question of this survey.");
                if (draft.Id is { } id && !questionIds.Add(id))
                    return InputPath.Invalid($"{path}.id", $"'{path}.id' {id} is given to another question too.");
                for (var o = 0; o < draft.Options.Count; o++)
                {
                    if (draft.Options[o].Id is { } optionId && !optionIds.Add(optionId))
                        return InputPath.Invalid($"{path}.options[{o}].id", $"'{path}.options[{o}].id' {optionId} is given to another option too.");
                }
                optionCount += draft.Options.Count;
                if (optionCount > MaxOptions)
                    return InputPath.Invalid($"{path}.options", $"A survey can have at most {MaxOptions} options in all.");
                questions.Add(draft);
            }
            pages.Add(new PageDraft(questions, logic.Value.Identifier, logic.Value.Branches));
        }
        return pages;
    }

    private static Outcome<QuestionDraft> ParseQuestion(JsonElement json, string path, IReadOnlyList<string> languages)
    {
        if (json.ValueKind != JsonValueKind.Object)
            return InputPath.Invalid(path, $"'{path}' must be an object with 'type' and 'question'.");
        if (InputPath.Unknown(json, path, QuestionFields) is { } unknown)
            return unknown;
        var f = new JsonFields(json);
        var id = f.Number("id", 1, long.MaxValue);
        var identifier = f.Text("identifier", maxLength: MaxIdentifier, minLength: 1);
        var typeText = f.Text("type", required: true, maxLength: 40);
        var required = f.Flag("required") ?? false;
        var optionsJson = f.List("options");
        var scaleJson = f.Map("scale");
        if (InputPath.IsMissing(json, "question"))
            f.Reject("question", "'question' is required: the question's text.");
        var type = QuestionType.Text;
        if (f.Error is null && !QuestionTypes.TryParse(typeText, out type))
            f.Reject("type", $"'type' must be one of {string.Join(", ", QuestionTypes.WireNames)}.");
        if (f.Error is null && identifier is not null && !IsIdentifier(identifier))
            f.Reject("identifier", "'identifier' must start with a letter and contain only letters, digits and '_' (it names the question's field).");
        if (f.Error is not null)
            return InputPath.Nested(f.Error, path);

        var text = LocalizedTextInput.Parse(json.GetProperty("question"), $"{path}.question", languages, MaxQuestionText);
        if (!text.IsSuccess)
            return text.Error;

        IReadOnlyList<OptionDraft> options = [];
        var optionCount = optionsJson?.GetArrayLength() ?? 0;
        if (type.IsChoice())
        {
            if (optionCount < 2)
                return InputPath.Invalid($"{path}.options", $"'{path}.options' needs at least two options for a {type.ToWire()} question.");
            if (optionCount > MaxOptionsPerQuestion)
                return InputPath.Invalid($"{path}.options", $"A question can have at most {MaxOptionsPerQuestion} options.");
            var parsed = QuestionChoicesInput.ParseOptions(optionsJson!.Value, $"{path}.options", languages);
            if (!parsed.IsSuccess)
                return parsed.Error;
            options = parsed.Value;
        }
        else if (optionCount > 0)
        {
            return InputPath.Invalid($"{path}.options", $"'{path}.options' is only for single_choice, multiple_choice and dropdown questions.");
        }

        RatingScale? scale = null;
        if (type.IsScale())
        {
            var parsed = QuestionChoicesInput.ParseScale(scaleJson, type, $"{path}.scale", languages);
            if (!parsed.IsSuccess)
                return parsed.Error;
            scale = parsed.Value;
        }
        else if (scaleJson is not null)
        {
            return InputPath.Invalid($"{path}.scale", $"'{path}.scale' is only for rating and nps questions.");
        }
        var displayIf = SurveyLogicInput.DisplayIf(json, path);
        if (!displayIf.IsSuccess)
            return displayIf.Error;
        return new QuestionDraft(id, identifier, type, text.Value, required, options, scale, displayIf.Value);
    }

    /// <summary>A field-name-like name: a letter, then letters, digits and '_' (question, page and hidden field identifiers).</summary>
    internal static bool IsIdentifier(string text, int maxLength = MaxIdentifier) =>
        text.Length is > 0 && text.Length <= maxLength && char.IsAsciiLetter(text[0]) && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
