using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Routing;
using static SurveyFunctions.Core.Http.Routing.RouteGroup;

namespace SurveyFunctions.Core.Events;

/// <summary>The tenant's events (our API) under <c>/api/events</c>, for the tenant's API key.</summary>
public static class EventRoutes
{
    public const string Events = "api/events";

    public static IReadOnlyList<EndpointDefinition> Endpoints { get; } = new RouteGroup(ApiFamily.Events, Events)
        .Get("EventsFeed", Events, EndpointAuth.Tenant, RateLimit.None, Use<EventFeedEndpoint>((e, c) => e.ListAsync(c)))
        .Endpoints;
}
