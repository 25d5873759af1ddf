using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Http.RateLimiting;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>An <see cref="EndpointDispatcher"/> outside any host, with the default settings, for tests of the edge's own behaviour.</summary>
public static class Dispatchers
{
    /// <summary>For anonymous test endpoints: the edge asks no credential of them, so a credential check here is a test bug.</summary>
    public static EndpointDispatcher WithDefaults() =>
        new(RouteTable.Catalog, new EndpointRateLimiter(Options.Create(new SurveyFunctionsOptions())), new NoCredentials(),
            Idempotency(), NullLogger<EndpointDispatcher>.Instance);

    /// <summary>Never reached by anonymous test endpoints (none is idempotent); its table client connects to nothing until used.</summary>
    private static IdempotentRequests Idempotency() =>
        new(new IdempotencyStore(new TableServiceClient("UseDevelopmentStorage=true")), Options.Create(new SurveyFunctionsOptions()),
            TimeProvider.System, NullLogger<IdempotentRequests>.Instance);

    private sealed class NoCredentials : ICredentialChecker
    {
        public string? Presented(EndpointDefinition endpoint, HttpRequest request) =>
            throw new InvalidOperationException($"{endpoint.Name} asks for a credential; these tests use anonymous endpoints.");

        public string? RateLimitCaller(EndpointDefinition endpoint, HttpRequest request, string? presented) => presented;

        public string? IdempotencyScope(EndpointDefinition endpoint, HttpContext context, string? presented) => null;

        public Task<ApiError?> CheckAsync(EndpointDefinition endpoint, string? presented, HttpContext context) =>
            throw new InvalidOperationException($"{endpoint.Name} asks for a credential; these tests use anonymous endpoints.");
    }
}
