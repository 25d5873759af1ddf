namespace SurveyFunctions.Core.Http.Routing;

/// <summary>Bounds on what a client can send. Small, because every body here is a handful of fields.</summary>
public static class RequestLimits
{
    /// <summary>64 KiB: a survey definition with many questions fits; anything larger is abuse or a mistake.</summary>
    public const long MaxBodyBytes = 64 * 1024;
}
