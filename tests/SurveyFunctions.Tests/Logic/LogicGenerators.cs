using CsCheck;

namespace SurveyFunctions.Tests.Logic;

/// <summary>A respondent: the hidden-field values their first call carries, and the seed of their choices along the way.</summary>
/// <param name="Abandons">Leaves the survey at some point before the end (the session stays open).</param>
public sealed record MRespondent(IReadOnlyDictionary<string, string> Hidden, int Seed, bool Abandons);

/// <summary>One generated case: a survey (valid by the contract unless <paramref name="Mutation"/> broke it on purpose) and its
/// respondents.</summary>
public sealed record LogicCase(MSurvey Survey, LogicMutation? Mutation, IReadOnlyList<MRespondent> Respondents);

/// <summary>
/// CsCheck generators of surveys with random logic that the contract calls valid: 2–5 pages of 1–4 questions of every type, some
/// required, some options disqualifying, most pages with an identifier; display conditions on later pages testing earlier pages
/// and hidden fields; branches testing the same or earlier pages that go forward, end, disqualify or redirect. Values stay where
/// some answer can meet them (no test that can never hold), so the server must accept every survey; one case in ten is then broken
/// on purpose (<see cref="LogicMutation"/>) and must be refused.
/// </summary>
public static class LogicGenerators
{
    public static readonly string[] HiddenNames = ["source", "plan"];
    public static readonly string[] HiddenValues = ["email", "ads", "Email"];
    public static readonly string[] TextAnswers = ["yes", "  YES ", "no", "maybe later", "Yes please", "LATER", "nope"];
    private static readonly (int Min, int Max)[] RatingScales = [(1, 5), (0, 3), (1, 7)];

    private sealed record QShape(string Type, bool Required, bool[] Disqualify, int Scale);

    private static Gen<bool> Chance(int percent) => Gen.Int[0, 99].Select(i => i < percent);

    private static readonly Gen<QShape> Shape =
        from type in Gen.OneOf(QTypes.All)
        from required in Chance(35)
        from disqualify in Chance(8).Array[2, 4]
        from scale in Gen.Int[0, RatingScales.Length - 1]
        select new QShape(type, required, disqualify, scale);

    public static Gen<LogicCase> Case(int respondents) =>
        from survey in Survey
        from mutation in Gen.Frequency<LogicMutation?>((9, Gen.Const((LogicMutation?)null)), (1, LogicMutation.Gen.Select(m => (LogicMutation?)m)))
        from people in Respondent(survey).Array[respondents]
        select new LogicCase(mutation?.Apply(survey) ?? survey, mutation, people);

    public static Gen<MSurvey> Survey =>
        from hiddenCount in Gen.Frequency<int>((1, 0), (2, 1), (2, 2))
        from shapes in Shape.Array[1, 4].Array[2, 5]
        from named in Chance(75).Array[shapes.Length]
        let skeleton = Skeleton(HiddenNames[..hiddenCount], shapes, named)
        from logic in Sequence(skeleton.Pages.Select((_, p) => PageLogic(skeleton, p)))
        select skeleton with { Pages = skeleton.Pages.Select((page, p) => logic[p](page)).ToArray() };

    private static MSurvey Skeleton(string[] hidden, QShape[][] shapes, bool[] named) => new(hidden, shapes.Select((questions, p) => new MPage(
        named[p] ? $"pg{p}" : null,
        questions.Select((s, q) => Question($"p{p}q{q}", s)).ToArray(),
        [])).ToArray());

    private static MQuestion Question(string id, QShape s)
    {
        var options = s.Disqualify.Select((dq, o) => new MOption($"{id}o{o}", $"Option {o} of {id}", dq)).ToArray();
        var (min, max) = s.Type == "nps" ? (0, 10) : RatingScales[s.Scale];
        return new MQuestion(id, s.Type, s.Required, s.Type is "single_choice" or "multiple_choice" or "dropdown" ? options : [], min, max,
            null);
    }

    /// <summary>Display conditions for the page's questions (from the second page on) and the page's branches.</summary>
    private static Gen<Func<MPage, MPage>> PageLogic(MSurvey survey, int p)
    {
        var page = survey.Pages[p];
        var displayIf = p == 0
            ? Gen.Const(new MCond?[page.Questions.Count])
            : Gen.Frequency<MCond?>((6, Gen.Const((MCond?)null)), (4, Cond(survey, p - 1, 0).Select(c => (MCond?)c))).Array[page.Questions.Count];
        var branches = Branch(survey, p).Array[0, 3];
        return from conditions in displayIf
               from rules in branches
               from some in Chance(55)
               select (Func<MPage, MPage>)(current => current with
               {
                   Questions = current.Questions.Select((q, i) => q with { DisplayIf = conditions[i] }).ToArray(),
                   Branches = some ? rules : [],
               });
    }

    private static Gen<MBranch> Branch(MSurvey survey, int p)
    {
        var targets = survey.Pages.Skip(p + 1).Where(x => x.Identifier is not null).Select(x => x.Identifier!).ToArray();
        var actions = new List<(int, IGen<MAction>)>
        {
            (1, Gen.Const<MAction>(new MEnd())),
            (1, Gen.Const<MAction>(new MDisqualify())),
            (2, from n in Gen.Int[1, 999] from dq in Chance(30) select (MAction)new MRedirect($"https://example.com/after/{p}?n={n}", dq)),
        };
        if (targets.Length > 0)
            actions.Add((5, Gen.OneOf(targets).Select(t => (MAction)new MGoTo(t))));
        return from condition in Cond(survey, p, 0)
               from action in Gen.Frequency<MAction>(actions.ToArray())
               select new MBranch(condition, action);
    }

    /// <summary>A condition over the questions of pages up to <paramref name="lastPage"/> and the survey's hidden fields.</summary>
    private static Gen<MCond> Cond(MSurvey survey, int lastPage, int depth)
    {
        var leaf = Leaf(survey, lastPage);
        if (depth >= 2)
            return leaf;
        var part = Cond(survey, lastPage, depth + 1);
        return Gen.Frequency<MCond>(
            (6, leaf),
            (2, part.Array[2, 3].Select(parts => (MCond)new MAll(parts))),
            (2, part.Array[2, 3].Select(parts => (MCond)new MAny(parts))),
            (1, part.Select(inner => (MCond)new MNot(inner))));
    }

    private static Gen<MCond> Leaf(MSurvey survey, int lastPage)
    {
        var eligible = survey.Pages.Take(lastPage + 1).SelectMany(x => x.Questions).ToArray();
        var questionTest = Gen.OneOf(eligible).SelectMany(Test);
        if (survey.HiddenFields.Count == 0)
            return questionTest;
        var hiddenTest =
            from name in Gen.OneOf(survey.HiddenFields.ToArray())
            from op in Gen.OneOf("eq", "ne", "in")
            from values in Gen.OneOf(HiddenValues).Array[1, 2]
            select (MCond)new MHiddenTest(name, op, op == "in" ? values.Distinct().ToArray() : [values[0]]);
        return Gen.Frequency<MCond>((7, questionTest), (3, hiddenTest));
    }

    /// <summary>A test of <paramref name="q"/> whose values fit it and that some answer can satisfy.</summary>
    private static Gen<MCond> Test(MQuestion q)
    {
        var presence = Gen.OneOf("answered", "not_answered").Select(op => (MCond)new MQuestionTest(q.Identifier, op, []));
        if (q.IsChoice)
        {
            var ids = q.Options.Select(o => (object)o.ClientId).ToArray();
            var picks = from first in Gen.Int[0, ids.Length - 1]
                        from two in Chance(40)
                        from other in Gen.Int[0, ids.Length - 2]
                        select two ? new[] { ids[first], ids[other >= first ? other + 1 : other] } : new[] { ids[first] };
            var op = Gen.Frequency<string>((3, "includes_any"), (2, "includes_all"), (2, "includes_none"));
            // Two different options at once can never be the answer of a single-pick question: such a test would never hold.
            var test = from o in op
                       from values in picks
                       select (MCond)new MQuestionTest(q.Identifier, o, o == "includes_all" && q.IsSinglePick ? values[..1] : values);
            return Gen.Frequency<MCond>((7, test), (1, presence));
        }
        if (q.IsScale)
        {
            var compare = Gen.OneOf("eq", "ne", "lt", "le", "gt", "ge", "between").SelectMany(op => op switch
            {
                "lt" => Gen.Int[q.Min + 1, q.Max].Select(v => (MCond)new MQuestionTest(q.Identifier, op, [v])),
                "gt" => Gen.Int[q.Min, q.Max - 1].Select(v => (MCond)new MQuestionTest(q.Identifier, op, [v])),
                "between" => from lo in Gen.Int[q.Min, q.Max]
                             from hi in Gen.Int[lo, q.Max]
                             select (MCond)new MQuestionTest(q.Identifier, op, [lo, hi]),
                _ => Gen.Int[q.Min, q.Max].Select(v => (MCond)new MQuestionTest(q.Identifier, op, [v])),
            });
            return Gen.Frequency<MCond>((7, compare), (1, presence));
        }
        var text = from op in Gen.OneOf("eq", "contains")
                   from value in op == "eq" ? Gen.OneOf("yes", " Yes ", "no") : Gen.OneOf("yes", "later", "ES")
                   select (MCond)new MQuestionTest(q.Identifier, op, [value]);
        return Gen.Frequency<MCond>((5, text), (2, presence));
    }

    private static Gen<MRespondent> Respondent(MSurvey survey) =>
        from values in Gen.Frequency<string?>((6, Gen.Const((string?)null)), (1, Gen.Const((string?)"")),
                (10, Gen.OneOf(HiddenValues).Select(v => (string?)v)))
            .Array[survey.HiddenFields.Count]
        from seed in Gen.Int
        from abandons in Chance(10)
        select new MRespondent(
            survey.HiddenFields.Zip(values).Where(p => p.Second is not null).ToDictionary(p => p.First, p => p.Second!), seed, abandons);

    /// <summary>The generators in order, as one generator of their values.</summary>
    private static Gen<T[]> Sequence<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => from xs in all from x in next select xs.Append(x).ToArray());
}
