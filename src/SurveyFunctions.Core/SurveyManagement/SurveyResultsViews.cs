using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>
/// The wire shape of <c>GET /api/surveys/{uuid}/results</c> (snake_case through <see cref="Http.Json.ApiJson"/>): the survey's
/// session counts, then every question in page order with its number of answers and what its type summarises: counts per
/// option (choice types), per value and the average (rating), per value and the NPS score (nps); text only its answers.
/// Texts and labels are in the survey's default language.
/// </summary>
public static class SurveyResultsViews
{
    /// <param name="PendingSessions">Completed sessions counted but not yet folded into the counters; already in every number.</param>
    public sealed record ResultsView(
        string Uuid, long Id, string Name, long CompletedSessions, long DisqualifiedSessions, long PendingSessions, IReadOnlyList<object> Questions);

    public sealed record OptionCount(long Id, string Label, long Count);

    public sealed record ValueCount(long Value, string? Label, long Count);

    public sealed record ChoiceResults(long Id, string Identifier, string Type, string Question, long Answers, IReadOnlyList<OptionCount> Options);

    /// <param name="Average">Mean of the values given, to two decimals; null without answers.</param>
    public sealed record RatingResults(long Id, string Identifier, string Type, string Question, long Answers, double? Average,
        IReadOnlyList<ValueCount> Values);

    /// <param name="Nps">Promoters (9–10) minus detractors (0–6), as a percentage of the answers, to two decimals; null without answers.</param>
    public sealed record NpsResults(long Id, string Identifier, string Type, string Question, long Answers, double? Nps, long Promoters,
        long Passives, long Detractors, IReadOnlyList<ValueCount> Values);

    public sealed record TextResults(long Id, string Identifier, string Type, string Question, long Answers);

    public static ResultsView Results(Survey survey, SurveyCounts counts) => new(
        survey.Uuid,
        survey.Id,
        survey.Name,
        counts.Completed.Total,
        counts.Disqualified,
        counts.Completed.Pending,
        [.. survey.Questions.Select(q => ForQuestion(survey, q, counts.For(q)))]);

    private static object ForQuestion(Survey survey, SurveyQuestion question, TargetCounts counts)
    {
        var text = question.Text.Resolve(null, survey.DefaultLanguage);
        var type = question.Type.ToWire();
        if (question.Type.IsChoice())
        {
            var options = question.Options.Select(o => new OptionCount(o.Id, o.Label.Resolve(null, survey.DefaultLanguage),
                counts.CountFor(o.Id))).ToArray();
            return new ChoiceResults(question.Id, question.Identifier, type, text, counts.Total, options);
        }
        if (!question.Type.IsScale())
            return new TextResults(question.Id, question.Identifier, type, text, counts.Total);

        var values = Values(survey, question.Scale ?? RatingScale.DefaultRating, counts);
        var answered = values.Sum(v => v.Count);
        if (question.Type == QuestionType.Rating)
        {
            double? average = answered == 0 ? null : Round(values.Sum(v => (double)v.Value * v.Count) / answered);
            return new RatingResults(question.Id, question.Identifier, type, text, counts.Total, average, values);
        }
        var promoters = values.Where(v => v.Value >= 9).Sum(v => v.Count);
        var detractors = values.Where(v => v.Value <= 6).Sum(v => v.Count);
        double? nps = answered == 0 ? null : Round(100.0 * (promoters - detractors) / answered);
        return new NpsResults(question.Id, question.Identifier, type, text, counts.Total, nps, promoters, answered - promoters - detractors,
            detractors, values);
    }

    /// <summary>Every value of the scale in order, plus any counted value outside it (given before the scale was edited).</summary>
    private static ValueCount[] Values(Survey survey, RatingScale scale, TargetCounts counts)
    {
        var counted = counts.PerSlot.Keys.Select(CountedAnswer.ValueOfSlot);
        return Enumerable.Range(scale.Min, scale.Max - scale.Min + 1).Select(v => (long)v).Union(counted).Order()
            .Select(v => new ValueCount(v, v is >= int.MinValue and <= int.MaxValue ? scale.LabelFor((int)v)?.Resolve(null,
                survey.DefaultLanguage) : null,
                counts.CountFor(CountedAnswer.ValueSlot(v))))
            .ToArray();
    }

    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
