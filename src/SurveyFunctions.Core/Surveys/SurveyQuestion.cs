using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// One question. <see cref="Id"/> is an integer unique in the tenant (the Take family's <c>questionID</c>, the Account family's
/// question <c>id</c>); <see cref="Identifier"/> is the field-name-like id of the Polling.com Account Level API (<c>qIknp2l5Kh</c>), given by the
/// client or generated, unique in the survey. Choice types have <see cref="Options"/>; rating and NPS have a <see cref="Scale"/>.
/// </summary>
public sealed record SurveyQuestion
{
    public required long Id { get; init; }
    public required string Identifier { get; init; }
    public required QuestionType Type { get; init; }

    /// <summary>The question's title (<c>"question"</c> on the wire).</summary>
    public required LocalizedText Text { get; init; }

    public bool Required { get; init; }

    /// <summary>The options of a choice question, in display order; empty for other types.</summary>
    public IReadOnlyList<QuestionOption> Options { get; init; } = [];

    /// <summary>The accepted numbers of a rating (default 1–5) or NPS (always 0–10) question; null for other types.</summary>
    public RatingScale? Scale { get; init; }

    /// <summary>When set, the question is shown only while this holds; otherwise it is not asked, not answerable and not counted.</summary>
    public Condition? DisplayIf { get; init; }

    public QuestionOption? FindOption(long optionId)
    {
        foreach (var option in Options)
        {
            if (option.Id == optionId)
                return option;
        }
        return null;
    }

    public bool Equals(SurveyQuestion? other) =>
        other is not null && Id == other.Id && Identifier == other.Identifier && Type == other.Type && Text.Equals(other.Text) &&
        Required == other.Required && Options.SequenceEqual(other.Options) && Equals(Scale, other.Scale) &&
        Equals(DisplayIf, other.DisplayIf);

    public override int GetHashCode() => HashCode.Combine(Id, Identifier, Type);
}
