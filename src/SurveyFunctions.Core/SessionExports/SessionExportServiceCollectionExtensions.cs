using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyPurge;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// Reading and writing exports of a survey's sessions, export jobs, their files in Blob Storage and their purge. Needs
/// <c>AddStorage</c>, <c>AddSurveys</c> and <c>AddSessions</c>; the host's <see cref="IConfiguration"/> names the storage.
/// </summary>
public static class SessionExportServiceCollectionExtensions
{
    public static IServiceCollection AddSessionExports(this IServiceCollection services)
    {
        services.AddSingleton<SessionSnapshots>();
        services.AddSingleton<ExportStore>();
        services.AddSingleton<ITableSetup>(sp => sp.GetRequiredService<ExportStore>());
        services.AddSingleton(sp => new ExportFiles(BlobStorageClients.FromSettings(SurveyFunctionsOptions.StorageConnectionSetting,
            name => sp.GetRequiredService<IConfiguration>()[name])));
        services.AddSingleton<ITableSetup>(sp => sp.GetRequiredService<ExportFiles>());
        services.AddSingleton<ExportJobQueues>();
        services.AddSingleton<ITableSetup>(sp => sp.GetRequiredService<ExportJobQueues>());
        services.AddSingleton<ExportJob>();
        services.AddSingleton<ExportPurge>();
        services.AddSingleton<ISurveyRowsPurge>(sp => sp.GetRequiredService<ExportPurge>());
        return services;
    }
}
