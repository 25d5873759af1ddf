using CsCheck;

namespace SurveyFunctions.Tests.Logic;

/// <summary>
/// A change that makes a valid survey invalid by the contract, so saving it must be refused with a <c>validation_error</c> naming the
/// path: a <c>go_to</c> backwards (or to its own page), a display condition on a question of its own page, a redirect that is not an
/// http(s) URL, an unknown question, an undeclared hidden field.
/// </summary>
public sealed record LogicMutation(string Kind, int Page)
{
    public static readonly string[] Kinds = ["go_to backwards", "display_if on its own page", "redirect to javascript:", "unknown question",
        "undeclared hidden field"];

    public static Gen<LogicMutation> Gen =>
        from kind in CsCheck.Gen.OneOf(Kinds)
        from page in CsCheck.Gen.Int[0, 4]
        select new LogicMutation(kind, page);

    /// <summary>The path the refusal names (the field of the survey body that breaks the contract), for <paramref name="survey"/> as
    /// changed.</summary>
    public string Field(MSurvey survey)
    {
        var p = Math.Min(Page, survey.Pages.Count - 1);
        var branch = $"pages[{p}].branches[{survey.Pages[p].Branches.Count - 1}]";
        return Kind switch
        {
            "go_to backwards" => $"{branch}.then.go_to",
            "display_if on its own page" => $"pages[{p}].questions[0].display_if.question",
            "redirect to javascript:" => $"{branch}.then.redirect",
            "unknown question" => $"{branch}.if.question",
            _ => $"{branch}.if.hidden",
        };
    }

    public MSurvey Apply(MSurvey survey)
    {
        var p = Math.Min(Page, survey.Pages.Count - 1);
        var page = survey.Pages[p];
        var first = page.Questions[0];
        MBranch? added = Kind switch
        {
            // Back to the first page, or to itself when it is the first: either way not forward.
            "go_to backwards" => new MBranch(new MQuestionTest(first.Identifier, "answered", []), new MGoTo("pg0")),
            "redirect to javascript:" => new MBranch(new MQuestionTest(first.Identifier, "answered", []),
                new MRedirect("javascript:alert(1)", false)),
            "unknown question" => new MBranch(new MQuestionTest("nosuch", "answered", []), new MEnd()),
            "undeclared hidden field" => new MBranch(new MHiddenTest("undeclared", "eq", ["x"]), new MEnd()),
            _ => null,
        };
        var pages = survey.Pages.ToArray();
        if (added is not null)
            pages[p] = page with { Branches = [.. page.Branches, added] };
        else
            pages[p] = page with
            {
                Questions = [first with { DisplayIf = new MQuestionTest(first.Identifier, "answered", []) }, .. page.Questions.Skip(1)],
            };
        if (Kind == "go_to backwards")
            pages[0] = pages[0] with { Identifier = "pg0" };
        return survey with { Pages = pages };
    }
}
