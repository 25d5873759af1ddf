namespace SurveyFunctions.Tests.Logic;

/// <summary>How a path ends: past the last page (completed), or by a disqualifying pick or a branch action.</summary>
public enum RefEnding
{
    Completed,
    Disqualified,
    Redirect,
}

/// <summary>One page on the reference path and the identifiers of the questions shown on it, in page order.</summary>
public sealed record RefStep(int Page, IReadOnlyList<string> Shown);

/// <summary>The reference path: its pages, how it ends if the respondent goes on from its last page (past the last page of the
/// survey: completed), whether that ending disqualifies, a redirect's URL, and the answers kept on it.</summary>
public sealed record RefPath(IReadOnlyList<RefStep> Steps, RefEnding Ending, bool EndsDisqualified, string? RedirectUrl,
    IReadOnlyDictionary<string, MAnswer> Kept)
{
    public int PositionOf(int page) => Steps.Select((s, i) => (s, i)).FirstOrDefault(x => x.s.Page == page, (null!, -1)).Item2;

    public int? NextAfter(int page) => PositionOf(page) is var at && at >= 0 && at + 1 < Steps.Count ? Steps[at + 1].Page : null;

    public int? PreviousOf(int page) => PositionOf(page) is var at && at > 0 ? Steps[at - 1].Page : null;

    public IReadOnlyList<string> ShownOn(int page) => PositionOf(page) is var at && at >= 0 ? Steps[at].Shown : [];
}

/// <summary>
/// The survey-logic contract as a small, independent evaluator (it shares no code with the server's): conditions over the answers
/// kept so far and the session's hidden fields, and the path a set of stored answers takes through a survey.
/// <list type="bullet">
/// <item>A comparison never holds for a question without a kept answer, except <c>includes_none</c>; <c>answered</c>/<c>not_answered</c>
/// test presence. Text compares ignoring case (<c>eq</c> also ignoring surrounding whitespace). A hidden <c>eq</c>/<c>in</c> is exact;
/// <c>ne</c> holds when the field is absent.</item>
/// <item>From the first page: shown questions are those whose display_if holds over the answers kept so far; their stored answers are
/// kept; a kept pick of a disqualifying option ends the session disqualified; else the first branch that holds decides (go_to, end,
/// disqualify, redirect), none: the next page; past the last page the session completes.</item>
/// </list>
/// </summary>
public static class ReferenceLogic
{
    public static bool Holds(MCond condition, MSurvey survey, IReadOnlyDictionary<string, MAnswer> kept,
        IReadOnlyDictionary<string, string> hidden) =>
        condition switch
        {
            MAll all => all.Parts.All(p => Holds(p, survey, kept, hidden)),
            MAny any => any.Parts.Any(p => Holds(p, survey, kept, hidden)),
            MNot not => !Holds(not.Part, survey, kept, hidden),
            MHiddenTest h => HiddenHolds(h, hidden.TryGetValue(h.Name, out var v) ? v : null),
            MQuestionTest t => TestHolds(t, survey.Question(t.Question), kept.TryGetValue(t.Question, out var a) ? a : null),
            _ => throw new ArgumentOutOfRangeException(nameof(condition)),
        };

    private static bool HiddenHolds(MHiddenTest test, string? value) => test.Op switch
    {
        "eq" => value is not null && value == test.Values[0],
        "ne" => value is null || value != test.Values[0],
        "in" => value is not null && test.Values.Contains(value),
        _ => throw new ArgumentOutOfRangeException(nameof(test)),
    };

    private static bool TestHolds(MQuestionTest test, MQuestion question, MAnswer? answer)
    {
        var wanted = test.Values;
        switch (test.Op)
        {
            case "answered":
                return answer is not null;
            case "not_answered":
                return answer is null;
            case "includes_none":
                return answer is null || !answer.Picks!.Any(p => wanted.Contains(p));
        }
        if (answer is null)
            return false;
        if (question.IsChoice)
        {
            return test.Op switch
            {
                "includes_any" => answer.Picks!.Any(p => wanted.Contains(p)),
                "includes_all" => wanted.All(w => answer.Picks!.Contains((string)w)),
                _ => throw new ArgumentOutOfRangeException(nameof(test)),
            };
        }
        if (question.IsScale)
        {
            var n = answer.Number!.Value;
            var first = (int)wanted[0];
            return test.Op switch
            {
                "eq" => n == first,
                "ne" => n != first,
                "lt" => n < first,
                "le" => n <= first,
                "gt" => n > first,
                "ge" => n >= first,
                "between" => n >= first && n <= (int)wanted[1],
                _ => throw new ArgumentOutOfRangeException(nameof(test)),
            };
        }
        var text = answer.Text!;
        var value = (string)wanted[0];
        return test.Op switch
        {
            "eq" => string.Equals(text.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase),
            "contains" => text.Contains(value, StringComparison.OrdinalIgnoreCase),
            _ => throw new ArgumentOutOfRangeException(nameof(test)),
        };
    }

    /// <summary>The path that the <paramref name="stored"/> answers (question identifier → answer) and hidden fields take.</summary>
    public static RefPath Walk(MSurvey survey, IReadOnlyDictionary<string, MAnswer> stored, IReadOnlyDictionary<string, string> hidden)
    {
        var kept = new Dictionary<string, MAnswer>();
        var steps = new List<RefStep>();
        var page = 0;
        while (page < survey.Pages.Count)
        {
            var current = survey.Pages[page];
            var shown = current.Questions.Where(q => q.DisplayIf is null || Holds(q.DisplayIf, survey, kept, hidden)).ToArray();
            foreach (var question in shown)
            {
                if (stored.TryGetValue(question.Identifier, out var answer))
                    kept[question.Identifier] = answer;
            }
            steps.Add(new RefStep(page, shown.Select(q => q.Identifier).ToArray()));
            var picksDisqualifying = shown.Any(q => q.IsChoice && kept.TryGetValue(q.Identifier, out var a) &&
                a.Picks!.Any(p => q.Options.Single(o => o.ClientId == p).Disqualify));
            if (picksDisqualifying)
                return new RefPath(steps, RefEnding.Disqualified, true, null, kept);
            var action = current.Branches.FirstOrDefault(b => Holds(b.If, survey, kept, hidden))?.Then;
            switch (action)
            {
                case MGoTo goTo:
                    page = survey.PageIndex(goTo.Page);
                    continue;
                case MEnd:
                    return new RefPath(steps, RefEnding.Completed, false, null, kept);
                case MDisqualify:
                    return new RefPath(steps, RefEnding.Disqualified, true, null, kept);
                case MRedirect redirect:
                    return new RefPath(steps, RefEnding.Redirect, redirect.Disqualify, redirect.Url, kept);
            }
            page++;
        }
        return new RefPath(steps, RefEnding.Completed, false, null, kept);
    }
}
