using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Account;

/// <summary>The Account family's own failures (its envelope shows the status and the message).</summary>
public static class AccountErrors
{
    /// <summary>No respondent with this external id in the caller's tenant (another tenant's respondent is not found too).</summary>
    public static ApiError RespondentNotFound() => ApiError.NotFound("Respondent does not exist.", "respondent_not_found");
}
