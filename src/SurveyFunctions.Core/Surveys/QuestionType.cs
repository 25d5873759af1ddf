namespace SurveyFunctions.Core.Surveys;

/// <summary>The question types a survey can hold (as the management API accepts them): three choice types, a rating
/// scale, NPS (0–10) and free text.</summary>
public enum QuestionType
{
    SingleChoice,
    MultipleChoice,
    Dropdown,
    Rating,
    Nps,
    Text,
}

public static class QuestionTypes
{
    /// <summary>NPS is always 0–10; its scale is not configurable.</summary>
    public const int NpsMin = 0;
    public const int NpsMax = 10;

    public static IReadOnlyList<string> WireNames { get; } = ["single_choice", "multiple_choice", "dropdown", "rating", "nps", "text"];

    public static string ToWire(this QuestionType type) => type switch
    {
        QuestionType.SingleChoice => "single_choice",
        QuestionType.MultipleChoice => "multiple_choice",
        QuestionType.Dropdown => "dropdown",
        QuestionType.Rating => "rating",
        QuestionType.Nps => "nps",
        _ => "text",
    };

    public static bool TryParse(string? value, out QuestionType type)
    {
        switch (value)
        {
            case "single_choice": type = QuestionType.SingleChoice; return true;
            case "multiple_choice": type = QuestionType.MultipleChoice; return true;
            case "dropdown": type = QuestionType.Dropdown; return true;
            case "rating": type = QuestionType.Rating; return true;
            case "nps": type = QuestionType.Nps; return true;
            case "text": type = QuestionType.Text; return true;
            default: type = QuestionType.Text; return false;
        }
    }

    /// <summary>Answered by picking options (<c>answerIDs</c> in the Take family); these types need options.</summary>
    public static bool IsChoice(this QuestionType type) => type is QuestionType.SingleChoice or QuestionType.MultipleChoice or QuestionType.Dropdown;

    /// <summary>Answered with a number on a scale (<c>value</c> in the Take family).</summary>
    public static bool IsScale(this QuestionType type) => type is QuestionType.Rating or QuestionType.Nps;

    /// <summary>At most one option may be picked (single choice and dropdown).</summary>
    public static bool IsSinglePick(this QuestionType type) => type is QuestionType.SingleChoice or QuestionType.Dropdown;
}
