using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Tests.RespondentPages;

/// <summary>
/// Random surveys for <see cref="LogicMirrorTests"/>: 2–5 pages of choice, rating and text questions; display conditions on
/// earlier pages' questions, branches on the same or earlier pages' (go_to forward, backward or nowhere, end, disqualify,
/// redirect with or without disqualify), hidden-field tests, options named by id or client id (known or not), and now and
/// then a disqualifying option. Built as the server holds them, so the evaluator sees every shape a condition can take.
/// </summary>
internal static class LogicMirrorSurveys
{
    public static Survey Random(Random random, IReadOnlyList<string> texts, IReadOnlyList<string> hiddenValues)
    {
        var nextId = 1000L;
        var pages = new List<SurveyPage>();
        var pageCount = random.Next(2, 6);
        for (var p = 0; p < pageCount; p++)
        {
            var earlier = pages.SelectMany(x => x.Questions).ToList();
            var questions = new List<SurveyQuestion>();
            for (var q = random.Next(1, 4); q > 0; q--)
            {
                var question = Question(random, ref nextId, $"q{nextId}");
                if (earlier.Count > 0 && random.Next(3) == 0)
                    question = question with { DisplayIf = Condition(random, earlier, texts, hiddenValues, 0) };
                questions.Add(question);
            }
            var testable = earlier.Concat(questions).ToList();
            var branches = Enumerable.Range(0, random.Next(0, 3))
                .Select(_ => new PageBranch(Condition(random, testable, texts, hiddenValues, 0), Action(random, pageCount)))
                .ToArray();
            pages.Add(new SurveyPage(questions) { Identifier = random.Next(5) == 0 ? null : $"p{p}", Branches = branches });
        }
        return new Survey
        {
            TenantId = "t", Uuid = "u", Id = 1, Name = "Random", Languages = ["en"], Settings = SurveySettings.Default, Pages = pages,
            HiddenFields = ["src"],
        };
    }

    private static SurveyQuestion Question(Random random, ref long nextId, string identifier)
    {
        var id = nextId++;
        var type = (QuestionType)new[] { 0, 1, 3, 5 }[random.Next(4)];
        var options = new List<QuestionOption>();
        if (type.IsChoice())
        {
            for (var o = random.Next(2, 5); o > 0; o--)
            {
                var optionId = nextId++;
                options.Add(new QuestionOption(optionId, random.Next(2) == 0 ? $"c{optionId}" : null, LocalizedText.Of($"Option {optionId}"),
                    random.Next(12) == 0));
            }
        }
        return new SurveyQuestion
        {
            Id = id, Identifier = identifier, Type = type, Text = LocalizedText.Of(identifier), Options = options,
            Scale = type == QuestionType.Rating ? RatingScale.DefaultRating : null,
        };
    }

    private static Condition Condition(Random random, IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<string> texts,
        IReadOnlyList<string> hiddenValues, int depth)
    {
        var kind = random.Next(depth >= 2 ? 6 : 9);
        if (kind >= 6)
        {
            var parts = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Condition(random, questions, texts, hiddenValues, depth + 1)).ToArray();
            return kind == 6 ? new Combined(true, parts) : kind == 7 ? new Combined(false, parts) : new Negated(parts[0]);
        }
        if (kind == 5)
        {
            var op = new[] { ConditionOp.Eq, ConditionOp.Ne, ConditionOp.In }[random.Next(3)];
            var values = Enumerable.Range(0, op == ConditionOp.In ? random.Next(1, 3) : 1).Select(_ => hiddenValues[random.Next(hiddenValues.Count)]);
            return new HiddenTest("src", op, values.ToArray());
        }
        var question = questions[random.Next(questions.Count)];
        var ops = ConditionOps.For(question.Type);
        var chosen = ops[random.Next(ops.Count)];
        var (min, max) = chosen.Arity();
        var count = min == max ? min : random.Next(min, Math.Min(max, 3) + 1);
        return new AnswerTest(question.Identifier, chosen, Enumerable.Range(0, count).Select(_ => Value(random, question, texts)).ToArray());
    }

    private static ConditionValue Value(Random random, SurveyQuestion question, IReadOnlyList<string> texts)
    {
        if (question.Type.IsScale())
            return ConditionValue.Of(random.Next(0, 7));
        if (!question.Type.IsChoice())
            return ConditionValue.Of(texts[random.Next(texts.Count)]);
        var option = question.Options[random.Next(question.Options.Count)];
        return random.Next(4) switch
        {
            0 => ConditionValue.Of("unknown"),
            1 when option.ClientId is { } clientId => ConditionValue.Of(clientId),
            _ => ConditionValue.Of(option.Id),
        };
    }

    private static BranchAction Action(Random random, int pageCount) => random.Next(6) switch
    {
        0 or 1 => new GoToPage($"p{random.Next(pageCount + 1)}"),
        2 => new EndSession(false),
        3 => new EndSession(true),
        _ => new RedirectTo("https://example.com/" + random.Next(100), random.Next(2) == 0),
    };
}
