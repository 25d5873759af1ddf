using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.RateLimiting;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>An <see cref="EndpointDispatcher"/> outside any host, with the default settings, for tests of the edge's own behaviour.</summary>
public static class Dispatchers
{
    public static EndpointDispatcher WithDefaults() =>
        new(new EndpointRateLimiter(Options.Create(new SurveyFunctionsOptions())), NullLogger<EndpointDispatcher>.Instance);
}
