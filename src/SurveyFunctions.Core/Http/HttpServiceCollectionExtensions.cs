using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Http.Paging;
using SurveyFunctions.Core.Http.RateLimiting;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Http;

/// <summary>The edge: the endpoints served, rate limits, dispatch and signed cursors. The credential checks are the
/// composition root's (<see cref="ICredentialChecker"/>).</summary>
public static class HttpServiceCollectionExtensions
{
    public static IServiceCollection AddHttpEdge(this IServiceCollection services, EndpointCatalog endpoints)
    {
        services.AddSingleton(endpoints);
        services.AddSingleton<SignedCursor>();
        services.AddSingleton<EndpointRateLimiter>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ITableSetup>(sp => sp.GetRequiredService<IdempotencyStore>());
        services.AddSingleton<IdempotentRequests>();
        services.AddSingleton<IdempotencyPurge>();
        services.AddSingleton<EndpointDispatcher>();
        return services;
    }
}
