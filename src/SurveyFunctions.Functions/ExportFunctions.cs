using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Exports;
using SurveyFunctions.Core.Http.Routing;

namespace SurveyFunctions.Functions;

/// <summary>
/// Exports: one function per route template of <see cref="ExportRoutes"/>. No method constraint: the route table's methods
/// decide. A streamed export writes its body after the function returns its result, through the ASP.NET Core integration.
/// </summary>
public sealed class ExportFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(ExportRoutes.SurveyResponsesExport))]
    public Task<IResult> SurveyResponsesExport([HttpTrigger(AuthorizationLevel.Anonymous,
        Route = ExportRoutes.SurveyResponsesExport)] HttpRequest req) =>
        endpoints.InvokeAsync(ExportRoutes.SurveyResponsesExport, req);

    [Function(nameof(ExportRoutes.SurveyExports))]
    public Task<IResult> SurveyExports([HttpTrigger(AuthorizationLevel.Anonymous, Route = ExportRoutes.SurveyExports)] HttpRequest req) =>
        endpoints.InvokeAsync(ExportRoutes.SurveyExports, req);

    [Function(nameof(ExportRoutes.Export))]
    public Task<IResult> Export([HttpTrigger(AuthorizationLevel.Anonymous, Route = ExportRoutes.Export)] HttpRequest req) =>
        endpoints.InvokeAsync(ExportRoutes.Export, req);

    [Function(nameof(ExportRoutes.ExportFile))]
    public Task<IResult> ExportFile([HttpTrigger(AuthorizationLevel.Anonymous, Route = ExportRoutes.ExportFile)] HttpRequest req) =>
        endpoints.InvokeAsync(ExportRoutes.ExportFile, req);
}
