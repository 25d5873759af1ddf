namespace SurveyFunctions.Core.Surveys;

/// <summary>One page of a survey: the questions a respondent sees and submits together (the Take family's page).</summary>
public sealed record SurveyPage(IReadOnlyList<SurveyQuestion> Questions)
{
    public bool Equals(SurveyPage? other) => other is not null && Questions.SequenceEqual(other.Questions);

    public override int GetHashCode() => Questions.Count;
}
