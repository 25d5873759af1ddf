using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Take;

/// <summary>The Take family's services: its token and reply shaping, and its endpoints. Needs <c>AddSessions</c>.</summary>
public static class TakeServiceCollectionExtensions
{
    public static IServiceCollection AddTake(this IServiceCollection services)
    {
        services.AddSingleton<TakeReplies>();
        services.AddSingleton<TakeEndpoints>();
        return services;
    }
}
