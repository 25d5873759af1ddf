using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Events;
using SurveyFunctions.Core.Http.Routing;

namespace SurveyFunctions.Functions;

/// <summary>
/// Our event feed: one function per route template of <see cref="EventRoutes"/>. No method constraint: the route table's
/// methods decide. The functions.metadata test checks the built app.
/// </summary>
public sealed class EventFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(EventRoutes.Events))]
    public Task<IResult> Events([HttpTrigger(AuthorizationLevel.Anonymous, Route = EventRoutes.Events)] HttpRequest req) =>
        endpoints.InvokeAsync(EventRoutes.Events, req);
}
