using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// The survey as a session takes it: its status and settings as they are now, its questions and logic as they were when the
/// session started (<see cref="SurveySession.DefinitionVersion"/>). So an edit of a live survey applies to sessions that start
/// after it, and a respondent half-way through never meets a page or a rule that changed under them. One extra point read,
/// only for a session whose version is no longer the current one.
/// </summary>
public sealed class SessionDefinitions(SurveyVersions versions)
{
    public async Task<Survey> ForAsync(Survey survey, SurveySession session, CancellationToken ct)
    {
        if (session.DefinitionVersion == 0 || session.DefinitionVersion == survey.Version)
            return survey;
        var version = await versions.GetAsync(survey, session.DefinitionVersion, ct).ConfigureAwait(false);
        return version is null ? survey : survey.WithDefinitionOf(version);
    }
}
