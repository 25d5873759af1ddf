using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// One page of a survey: the questions a respondent sees and submits together (the Take family's page). <see cref="Identifier"/>
/// (optional, unique in the survey) is what a <see cref="GoToPage"/> branch names; <see cref="Branches"/> decide, in order,
/// where the respondent goes once the page is accepted (none that holds: the next page).
/// </summary>
public sealed record SurveyPage(IReadOnlyList<SurveyQuestion> Questions)
{
    public string? Identifier { get; init; }

    public IReadOnlyList<PageBranch> Branches { get; init; } = [];

    public bool Equals(SurveyPage? other) =>
        other is not null && Identifier == other.Identifier && Questions.SequenceEqual(other.Questions) && Branches.SequenceEqual(other.Branches);

    public override int GetHashCode() => Questions.Count;
}
