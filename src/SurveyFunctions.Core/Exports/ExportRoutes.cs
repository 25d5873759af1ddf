using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Exports;

/// <summary>
/// Exports (our own API, the owning tenant's API key): a survey's responses streamed as CSV or NDJSON under
/// <c>/api/surveys/{uuid}</c>, and export jobs that write the same file into Blob Storage under <c>/api/exports</c>.
/// </summary>
public static class ExportRoutes
{
    public const string Exports = "api/exports";

    /// <summary>Beside the survey management routes (same prefix and envelope), without using that family.</summary>
    public const string Surveys = "api/surveys";
    public const string SurveyResponsesExport = Surveys + "/{uuid}/responses";
    public const string SurveyExports = Surveys + "/{uuid}/exports";
    public const string Export = Exports + "/{id}";
    public const string ExportFile = Export + "/file";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } =
    [
        .. new RouteGroup(ApiFamily.Surveys, Surveys)
            .Get("ExportsStreamResponses", SurveyResponsesExport, EndpointAuth.Tenant, RateLimit.None,
                Use<ResponseStreamEndpoint>((e, c) => e.StreamAsync(c)))
            .Post("ExportsCreate", SurveyExports, EndpointAuth.Tenant, RateLimit.None, Use<ExportJobEndpoints>((e, c) => e.CreateAsync(c)))
                .Idempotent()
            .Endpoints,
        .. new RouteGroup(ApiFamily.Surveys, Exports)
            .Get("ExportsGet", Export, EndpointAuth.Tenant, RateLimit.None, Use<ExportJobEndpoints>((e, c) => e.GetAsync(c)))
            .Get("ExportsFile", ExportFile, EndpointAuth.Tenant, RateLimit.None, Use<ExportJobEndpoints>((e, c) => e.FileAsync(c)))
            .Endpoints,
    ];
}
