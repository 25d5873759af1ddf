using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>
/// The save-time check of a survey's logic, run on every create, edit and start: a survey that passes can always be taken.
/// Display conditions test earlier pages only, branches the same or earlier pages; branches lead forward (so no path
/// loops); nothing is dead (a condition that can never hold, a page no path reaches); placeholders name earlier questions or
/// declared hidden fields. The first problem is a <c>validation_error</c> naming its path, as the survey's body gives it.
/// </summary>
public static class SurveyLogicCheck
{
    public static ApiError? Check(Survey survey)
    {
        var pageIds = new HashSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < survey.Pages.Count; p++)
        {
            if (survey.Pages[p].Identifier is { } id && !pageIds.Add(id))
                return ApiError.BadRequest($"'pages[{p}].identifier' \"{id}\" is already used by another page of this survey.",
                    $"pages[{p}].identifier");
        }
        for (var p = 0; p < survey.Pages.Count; p++)
        {
            if ((CheckQuestions(survey, p) ?? CheckBranches(survey, p)) is { } error)
                return error;
        }
        return CheckReachable(survey);
    }

    private static ApiError? CheckQuestions(Survey survey, int p)
    {
        var page = survey.Pages[p];
        for (var q = 0; q < page.Questions.Count; q++)
        {
            var question = page.Questions[q];
            var path = $"pages[{p}].questions[{q}]";
            if (question.DisplayIf is { } condition)
            {
                var error = ConditionCheck.Check(condition, survey, p - 1, $"{path}.display_if",
                    "a display condition may only test questions of earlier pages");
                if (error is not null)
                    return error;
                if (ConditionReach.Of(condition, survey) == Reach.Never)
                    return ApiError.BadRequest($"'{path}.display_if' can never hold, so no respondent would ever see this question.",
                        $"{path}.display_if");
            }
            if (CheckPiping(survey, p, question.Text, $"{path}.question") is { } textError)
                return textError;
            for (var o = 0; o < question.Options.Count; o++)
            {
                if (CheckPiping(survey, p, question.Options[o].Label, $"{path}.options[{o}].label") is { } labelError)
                    return labelError;
            }
        }
        return null;
    }

    private static ApiError? CheckBranches(Survey survey, int p)
    {
        var branches = survey.Pages[p].Branches;
        for (var b = 0; b < branches.Count; b++)
        {
            var path = $"pages[{p}].branches[{b}]";
            var error = ConditionCheck.Check(branches[b].If, survey, p, $"{path}.if",
                "a branch may only test questions of its own page or earlier ones");
            if (error is not null)
                return error;
            if (ConditionReach.Of(branches[b].If, survey) == Reach.Never)
                return ApiError.BadRequest($"'{path}.if' can never hold, so this branch would never apply.", $"{path}.if");
            if (branches[b].Then is GoToPage goTo)
            {
                var target = survey.PageIndexOf(goTo.Page);
                if (target < 0)
                    return ApiError.BadRequest($"'{path}.then.go_to' names \"{goTo.Page}\", which is no page of this survey.", $"{path}.then.go_to");
                if (target <= p)
                    return ApiError.BadRequest($"'{path}.then.go_to' leads to \"{goTo.Page}\" (page {target + 1}), not forward from page {p + 1}: " +
                        "branches only skip ahead, so no path can loop.", $"{path}.then.go_to");
            }
        }
        return null;
    }

    /// <summary>A page is reached from the first through branches that can hold, and by falling through from the page before
    /// when none of that page's branches always holds.</summary>
    private static ApiError? CheckReachable(Survey survey)
    {
        var reached = new bool[survey.Pages.Count];
        if (reached.Length > 0)
            reached[0] = true;
        for (var p = 0; p < survey.Pages.Count; p++)
        {
            if (!reached[p])
                return ApiError.BadRequest($"'pages[{p}]' can never be reached: the branches before it always lead elsewhere.", $"pages[{p}]");
            var fallsThrough = true;
            foreach (var branch in survey.Pages[p].Branches)
            {
                if (branch.Then is GoToPage goTo)
                    reached[survey.PageIndexOf(goTo.Page)] = true;
                if (ConditionReach.Of(branch.If, survey) == Reach.Always)
                {
                    fallsThrough = false;
                    break;
                }
            }
            if (fallsThrough && p + 1 < reached.Length)
                reached[p + 1] = true;
        }
        return null;
    }

    private static ApiError? CheckPiping(Survey survey, int p, LocalizedText text, string path)
    {
        foreach (var token in text.AllTexts().SelectMany(PipingTokens.In))
        {
            if (token.IsHidden && !survey.HiddenFields.Contains(token.Target))
                return ApiError.BadRequest(
                    $"'{path}' pipes {{{{{token.Name}}}}}, but \"{token.Target}\" is not one of the survey's hidden_fields.", path);
            if (!token.IsHidden && (survey.FindQuestion(token.Target) is not { } piped || survey.PageIndexOf(piped.Id) >= p))
                return ApiError.BadRequest($"'{path}' pipes {{{{{token.Name}}}}}, which names no question of an earlier page.", path);
        }
        return null;
    }
}
