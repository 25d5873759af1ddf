using SurveyFunctions.Core.Sessions;

namespace SurveyFunctions.Core.Taking;

/// <summary>What a respondent's first call says about them. <see cref="ExternalId"/> is ignored for anonymous surveys.</summary>
public sealed record SessionStart(string? ExternalId, string? Language, RespondentDetails Details);
