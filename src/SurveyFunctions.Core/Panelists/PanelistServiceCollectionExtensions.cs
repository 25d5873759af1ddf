using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Core.SurveyPurge;

namespace SurveyFunctions.Core.Panelists;

/// <summary>The Panelists family's services. Needs <c>AddSessions</c> and <c>AddTake</c> (its session tokens and question views).</summary>
public static class PanelistServiceCollectionExtensions
{
    public static IServiceCollection AddPanelists(this IServiceCollection services)
    {
        services.AddSingleton<PanelistKeys>();
        services.AddSingleton<PanelistStore>();
        services.AddSingleton<ITableSetup>(sp => sp.GetRequiredService<PanelistStore>());
        services.AddSingleton<ISurveyRowsPurge>(sp => sp.GetRequiredService<PanelistStore>());
        services.AddSingleton<PanelistAccess>();
        services.AddSingleton<PanelistState>();
        services.AddSingleton<PanelistReplies>();
        services.AddSingleton<PanelistEndpoints>();
        services.AddSingleton<PanelistResponseEndpoints>();
        return services;
    }
}
