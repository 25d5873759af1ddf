using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Core.Take;

/// <summary>The Take family's routes (seed 003), as they join the one route table.</summary>
public static class TakeRoutes
{
    public static IReadOnlyList<EndpointDefinition> All { get; } =
    [
        new("TakeSurvey", ApiFamily.Take, "a/api/v2/surveys/{surveyId}/take", ["GET"], RouteTable.Use<TakeEndpoints>((e, c) => e.TakeAsync(c))),
        new("TakeSubmitPage", ApiFamily.Take, "a/api/v2/surveys/{surveyId}/submit-page", ["POST"], RouteTable.Use<TakeEndpoints>((e, c) => e.SubmitPageAsync(c))),
    ];
}
