using Microsoft.Extensions.Options;

namespace SurveyFunctions.Core.Configuration;

/// <summary>Refuses to start with unusable rate limits, naming the setting (options validation at start, like every setting).</summary>
internal sealed class RateLimitOptionsValidator : IValidateOptions<SurveyFunctionsOptions>
{
    public ValidateOptionsResult Validate(string? name, SurveyFunctionsOptions options) =>
        options.RateLimits.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
