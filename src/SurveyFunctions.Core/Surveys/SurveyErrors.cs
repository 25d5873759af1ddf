using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Surveys;

/// <summary>The survey domain's failures as values. Each family renders them in its own envelope.</summary>
public static class SurveyErrors
{
    public const string NotFoundCode = "survey_not_found";
    public const string InvalidStateCode = "invalid_state";

    /// <summary>No such survey for this tenant: another tenant's survey is not found too, never "forbidden".</summary>
    public static ApiError NotFound() => new(ErrorKind.NotFound, NotFoundCode, "Survey does not exist.");

    /// <summary>A status transition that does not apply to the survey's current status (409).</summary>
    public static ApiError InvalidState(string message) => new(ErrorKind.Conflict, InvalidStateCode, message);

    /// <summary>Another edit kept winning the race for the survey row; the caller may simply retry.</summary>
    public static ApiError ConcurrentEdit() => new(ErrorKind.Conflict, "concurrent_update", "The survey is being changed concurrently; retry.");
}
