using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Configuration;

namespace SurveyFunctions.Core.Storage;

/// <summary>The storage clients (one service client each for tables and queues) and the creation of missing tables and queues at startup.</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration,
        Action<ClientOptions>? configureStorageClients)
    {
        services.AddSingleton(_ =>
        {
            var (tables, queues) = StorageClients.FromSettings(SurveyFunctionsOptions.StorageConnectionSetting, name => configuration[name],
                configureStorageClients);
            return new SurveyStorage(tables, queues);
        });
        // Areas with tables of their own (surveys, sessions, panelists) build their clients from the same service client and
        // register them as ITableSetup, which the initializer creates at startup.
        services.AddSingleton(sp => sp.GetRequiredService<SurveyStorage>().TableService);
        services.AddHostedService<StorageInitializer>();
        return services;
    }
}
