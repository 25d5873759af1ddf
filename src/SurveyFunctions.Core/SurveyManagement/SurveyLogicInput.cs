using System.Text.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>
/// Reads the logic fields of a survey body: <c>hidden_fields</c>, a page's <c>identifier</c> and <c>branches</c>, a
/// question's <c>display_if</c>. Shapes and bounds only; whether the logic fits the survey is checked once the survey is
/// assembled (<see cref="SurveyLogicCheck"/>).
/// </summary>
internal static class SurveyLogicInput
{
    public const int MaxBranchesPerPage = 20;
    public const int MaxHiddenFields = 20;

    public static Outcome<IReadOnlyList<string>> HiddenFields(JsonElement? json)
    {
        if (json is not { } list)
            return Array.Empty<string>();
        if (list.GetArrayLength() > MaxHiddenFields)
            return InputPath.Invalid("hidden_fields", $"A survey can declare at most {MaxHiddenFields} hidden fields.");
        var names = new List<string>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var path = $"hidden_fields[{i++}]";
            if (item.ValueKind != JsonValueKind.String || !SurveyPagesInput.IsIdentifier(item.GetString()!, SurveyPagesInput.MaxIdentifier))
                return InputPath.Invalid(path, $"'{path}' must be a name that starts with a letter and holds only letters, digits and '_'.");
            if (names.Contains(item.GetString()!))
                return InputPath.Invalid(path, $"'{path}' \"{item.GetString()}\" is declared twice.");
            names.Add(item.GetString()!);
        }
        return names;
    }

    /// <summary>A page's optional <c>identifier</c> and its <c>branches</c> (none when absent).</summary>
    public static Outcome<(string? Identifier, IReadOnlyList<PageBranch> Branches)> Page(JsonElement page, string path)
    {
        string? identifier = null;
        if (page.TryGetProperty("identifier", out var id) && id.ValueKind != JsonValueKind.Null)
        {
            if (id.ValueKind != JsonValueKind.String || !SurveyPagesInput.IsIdentifier(id.GetString()!, SurveyPagesInput.MaxIdentifier))
                return InputPath.Invalid($"{path}.identifier",
                    $"'{path}.identifier' must be a name that starts with a letter and holds only letters, digits and '_'.");
            identifier = id.GetString();
        }
        if (!page.TryGetProperty("branches", out var list) || list.ValueKind == JsonValueKind.Null)
            return (identifier, Array.Empty<PageBranch>());
        if (list.ValueKind != JsonValueKind.Array)
            return InputPath.Invalid($"{path}.branches", $"'{path}.branches' must be a list of {{\"if\", \"then\"}} rules.");
        if (list.GetArrayLength() > MaxBranchesPerPage)
            return InputPath.Invalid($"{path}.branches", $"A page can have at most {MaxBranchesPerPage} branches.");
        var branches = new List<PageBranch>();
        var b = 0;
        foreach (var item in list.EnumerateArray())
        {
            var branch = PageBranchJson.Read(item, $"{path}.branches[{b++}]");
            if (!branch.IsSuccess)
                return branch.Error;
            branches.Add(branch.Value);
        }
        return (identifier, branches);
    }

    /// <summary>A question's optional <c>display_if</c>.</summary>
    public static Outcome<Condition?> DisplayIf(JsonElement question, string path)
    {
        if (!question.TryGetProperty("display_if", out var json) || json.ValueKind == JsonValueKind.Null)
            return (Condition?)null;
        var condition = ConditionJson.Read(json, $"{path}.display_if");
        return condition.IsSuccess ? condition.Value : condition.Error;
    }
}
