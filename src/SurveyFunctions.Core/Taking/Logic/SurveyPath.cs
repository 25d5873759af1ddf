using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Taking.Logic;

/// <summary>One page on a respondent's path, with the questions shown on it.</summary>
public sealed record PathStep(int Page, IReadOnlyList<SurveyQuestion> Shown);

/// <summary>
/// The path a respondent's answers take through a survey, decided by the server alone: from the first page, each page's
/// shown questions (those whose <see cref="SurveyQuestion.DisplayIf"/> holds), then its branches in order (the first that
/// holds wins; none: the next page), until a branch ends the session or the pages run out. A picked disqualifying option ends
/// it too, before the page's branches. <see cref="Kept"/> are the answers on the path: an answer to a question not shown, or
/// on a page the path skips, is off the path and is dropped, so stored answers, results and every read show the path only.
/// </summary>
public sealed class SurveyPath
{
    private SurveyPath(IReadOnlyList<PathStep> steps, BranchAction? ending, IReadOnlyList<SessionAnswer> kept)
    {
        Steps = steps;
        Ending = ending;
        Kept = kept;
    }

    /// <summary>The pages on the path, in the order a respondent meets them.</summary>
    public IReadOnlyList<PathStep> Steps { get; }

    /// <summary>How the last page on the path ends the session (<see cref="EndSession"/>, <see cref="RedirectTo"/>); null when the
    /// path runs past the survey's last page (an ordinary completion).</summary>
    public BranchAction? Ending { get; }

    /// <summary>The answers on the path, page by page in the order given.</summary>
    public IReadOnlyList<SessionAnswer> Kept { get; }

    public bool Disqualifies => Ending is EndSession { Disqualify: true } or RedirectTo { Disqualify: true };

    /// <summary>The path of a session's stored <paramref name="answers"/>.</summary>
    public static SurveyPath Walk(Survey survey, IReadOnlyList<SessionAnswer> answers, IReadOnlyDictionary<string, string> hidden) =>
        Walk(survey, hidden, (_, shown) => answers.Where(a => shown.Any(q => q.Id == a.QuestionId)));

    /// <summary>
    /// The path, asking <paramref name="answersOn"/> for the answers of each page it reaches, given the questions shown there
    /// (a family that takes a whole survey at once checks each page's answers as the path reaches it).
    /// </summary>
    public static SurveyPath Walk(Survey survey, IReadOnlyDictionary<string, string> hidden,
        Func<int, IReadOnlyList<SurveyQuestion>, IEnumerable<SessionAnswer>> answersOn)
    {
        var kept = new Dictionary<long, SessionAnswer>();
        var keptInOrder = new List<SessionAnswer>();
        var steps = new List<PathStep>();
        BranchAction? ending = null;
        var page = 0;
        while (page < survey.Pages.Count)
        {
            var current = survey.Pages[page];
            // Display conditions test earlier pages only, so the answers kept so far decide them.
            var shown = current.Questions.Where(q => q.DisplayIf is null || ConditionEvaluator.Holds(q.DisplayIf, survey, kept, hidden)).ToArray();
            foreach (var answer in answersOn(page, shown))
            {
                if (kept.TryAdd(answer.QuestionId, answer))
                    keptInOrder.Add(answer);
            }
            steps.Add(new PathStep(page, shown));
            if (shown.Any(q => kept.TryGetValue(q.Id, out var a) && a.OptionIds.Any(id => q.FindOption(id)?.Disqualify == true)))
            {
                ending = new EndSession(true);
                break;
            }
            var action = current.Branches.FirstOrDefault(b => ConditionEvaluator.Holds(b.If, survey, kept, hidden))?.Then;
            if (action is GoToPage goTo && survey.PageIndexOf(goTo.Page) is var target && target > page)
            {
                page = target;
                continue;
            }
            if (action is EndSession or RedirectTo)
            {
                ending = action;
                break;
            }
            page++;
        }
        return new SurveyPath(steps, ending, keptInOrder);
    }

    /// <summary>Where page <paramref name="page"/> stands on the path (0-based), or -1 when the path skips it.</summary>
    public int PositionOf(int page)
    {
        for (var i = 0; i < Steps.Count; i++)
        {
            if (Steps[i].Page == page)
                return i;
        }
        return -1;
    }

    /// <summary>The page after <paramref name="page"/> on the path; null when the session ends there (or the page is off the path).</summary>
    public int? NextAfter(int page) => PositionOf(page) is var at && at >= 0 && at + 1 < Steps.Count ? Steps[at + 1].Page : null;

    /// <summary>The page before <paramref name="page"/> on the path; null for the first (or a page off the path).</summary>
    public int? PreviousOf(int page) => PositionOf(page) is var at && at > 0 ? Steps[at - 1].Page : null;

    /// <summary>The questions shown on <paramref name="page"/>; none for a page off the path.</summary>
    public IReadOnlyList<SurveyQuestion> ShownOn(int page) => PositionOf(page) is var at && at >= 0 ? Steps[at].Shown : [];

    /// <summary>Percent of the path done when <paramref name="page"/> is shown: 0 on the first page, below 100 on the last.</summary>
    public int ProgressAt(int page) => Steps.Count == 0 ? 0 : 100 * Math.Max(PositionOf(page), 0) / Steps.Count;
}
