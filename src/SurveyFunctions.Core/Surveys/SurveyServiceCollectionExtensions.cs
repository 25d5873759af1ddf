using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Surveys;

/// <summary>The survey domain's services and the management endpoints. Needs an Azure SDK <c>TableServiceClient</c> registered.</summary>
public static class SurveyServiceCollectionExtensions
{
    public static IServiceCollection AddSurveys(this IServiceCollection services)
    {
        services.AddSingleton<SurveyTables>();
        services.AddSingleton<ITableSetup>(sp => sp.GetRequiredService<SurveyTables>());
        services.AddSingleton<IdAllocator>();
        services.AddSingleton<SurveyVersions>();
        services.AddSingleton<SurveyStore>();
        services.AddSingleton<SurveyCloser>();
        services.AddSingleton<SurveyAssembler>();
        return services;
    }
}
