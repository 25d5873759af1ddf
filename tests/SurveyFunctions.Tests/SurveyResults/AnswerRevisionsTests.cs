using SurveyFunctions.Core.Counting;
using SurveyFunctions.Core.Sessions;

namespace SurveyFunctions.Tests.SurveyResults;

/// <summary>
/// The pure rules behind exact results under changed answers: which changes are revisions, what each revision counted
/// before, and negative deltas surviving a batch row. The HTTP behaviour is in Responses/ResponseChangeResultsTests.
/// </summary>
public sealed class AnswerRevisionsTests
{
    private const long Rating = 1, Choice = 2, Comment = 3;
    private static readonly DateTimeOffset At = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_a_counted_sessions_changed_counts_are_revisions_and_each_remembers_what_was_counted_before()
    {
        var counted = Session(completed: true, Answer(Rating, value: 2), Answer(Choice, options: [12, 11]), Answer(Comment, text: "ok"));

        // Reworded text, reordered options: counted alike, so no revision.
        Assert.Empty(AnswerRevisions.After(counted, [Answer(Rating, value: 2), Answer(Choice, options: [11, 12]), Answer(Comment, text: "fine")]));

        // Changed value, changed selection, skipped text: one revision each, remembering the counted answer.
        var changed = AnswerRevisions.After(counted, [Answer(Rating, value: 4), Answer(Choice, options: [13])]);
        Assert.Equal(
            [new AnswerRevision(Rating, 1, new CountedAnswer([2 - Core.SurveyManagement.SurveyPagesInput.MinScaleValue])),
                new AnswerRevision(Choice, 1, new CountedAnswer([11, 12])), new AnswerRevision(Comment, 1, new CountedAnswer([]))],
            changed);

        // The next change of one question moves it on; the others keep their revision. A skipped one answered again had nothing counted before.
        var later = counted with { Answers = [Answer(Rating, value: 4), Answer(Choice, options: [13])], Revisions = changed };
        var again = AnswerRevisions.After(later, [Answer(Rating, value: 4), Answer(Choice, options: [13]), Answer(Comment, text: "back")]);
        Assert.Equal([changed[0], changed[1], new AnswerRevision(Comment, 2, null)], again);
        Assert.Equal([Comment], AnswerRevisions.Changed(later, later with { Revisions = again }));

        // Nothing counted yet (unfinished) or never counted (disqualified): no revisions, the first count takes the answers as they are.
        Assert.Empty(AnswerRevisions.After(Session(completed: false, Answer(Rating, value: 2)), [Answer(Rating, value: 5)]));
        Assert.Empty(AnswerRevisions.After(Session(completed: true, Answer(Rating, value: 2)) with { IsDisqualified = true },
            [Answer(Rating, value: 5)]));
    }

    [Fact]
    public void Negative_deltas_survive_a_batch_row()
    {
        var encoded = BatchCounts.Encode([("s.t.u.q7", 0, new Dictionary<long, long> { [3] = -1, [4] = 1 }),
            ("s.t.u.q8", -1, new Dictionary<long, long> { [0] = -1 })]);
        var decoded = BatchCounts.Decode(encoded);
        Assert.Equal(["s.t.u.q7:0:-1,1", "s.t.u.q8:-1:-1"],
            decoded.Select(t => $"{t.TargetKey}:{t.Voters}:{string.Join(',', t.Slots.OrderBy(s => s.Key).Select(s => s.Value))}"));
    }

    private static SurveySession Session(bool completed, params SessionAnswer[] answers) => new()
    {
        TenantId = "tnt_test",
        Id = 41,
        SurveyUuid = "survey",
        SurveyId = 1,
        StartedAt = At,
        LastAccessAt = At,
        IsCompleted = completed,
        CompletedAt = completed ? At : null,
        Answers = answers,
    };

    private static SessionAnswer Answer(long question, long? value = null, long[]? options = null, string? text = null) => new()
    {
        Id = 100 + question,
        QuestionId = question,
        QuestionIdentifier = "q" + question,
        PageIndex = 0,
        OptionIds = options ?? [],
        Value = value,
        Text = text,
        AnsweredAt = At,
    };
}
