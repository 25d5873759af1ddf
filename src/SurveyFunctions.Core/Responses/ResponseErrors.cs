using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Responses;

/// <summary>The Responses family's failures, with Zendesk's documented titles (the envelope adds its codes and string statuses).</summary>
public static class ResponseErrors
{
    public static ApiError SurveyNotFound() => ApiError.NotFound("The survey is not found by provided id");

    public static ApiError ResponseNotFound() => ApiError.NotFound("The survey response could not be found");

    public static ApiError SurveyDisabled() => ApiError.Conflict("The survey associated with this survey response has been disabled");

    public static ApiError Expired() => ApiError.Conflict("The survey response has expired and no longer takes answers");

    /// <summary>A valid access token of another survey response: it proves nothing about this one.</summary>
    public static ApiError Forbidden() => ApiError.Forbidden("Access to the resource is forbidden");

    public static ApiError Unauthorized() => ApiError.Unauthorized("Unauthorized to access the resource");
}
