using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Account;

/// <summary>The Account family's endpoints. Needs <c>AddSurveys</c> and <c>AddSessions</c>.</summary>
public static class AccountServiceCollectionExtensions
{
    public static IServiceCollection AddAccount(this IServiceCollection services)
    {
        services.AddSingleton<AccountEndpoints>();
        return services;
    }
}
