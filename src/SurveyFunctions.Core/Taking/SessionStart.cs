using SurveyFunctions.Core.Sessions;

namespace SurveyFunctions.Core.Taking;

/// <summary>What a respondent's first call says about them. <see cref="ExternalId"/> is ignored for anonymous surveys;
/// of <see cref="HiddenFields"/> only the survey's declared ones are kept.</summary>
public sealed record SessionStart(string? ExternalId, string? Language, RespondentDetails Details)
{
    public IReadOnlyDictionary<string, string> HiddenFields { get; init; } = SurveySession.NoHiddenFields;
}
