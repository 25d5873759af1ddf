using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.RateLimiting;

/// <summary>A request over a limit: the family's 429 and the whole seconds to send as <c>Retry-After</c> (at least 1).</summary>
public sealed record RateLimitRefusal(ApiError Error, int RetryAfterSeconds);
