using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.SurveyPurge;

namespace SurveyFunctions.Core.Responses;

/// <summary>The Responses family's services. Needs <c>AddSessions</c> (its table lives with the session tables).</summary>
public static class ResponseServiceCollectionExtensions
{
    public static IServiceCollection AddResponses(this IServiceCollection services)
    {
        services.AddSingleton<UlidGenerator>();
        services.AddSingleton<ResponseStore>();
        services.AddSingleton<ResponseListing>();
        services.AddSingleton<ISurveyRowsPurge>(sp => sp.GetRequiredService<ResponseStore>());
        services.AddSingleton<ResponseAccess>();
        services.AddSingleton<ResponseTokens>();
        services.AddSingleton<ResponseEndpoints>();
        return services;
    }
}
