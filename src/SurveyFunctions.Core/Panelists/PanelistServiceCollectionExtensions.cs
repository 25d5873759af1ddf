using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Panelists;

/// <summary>The Panelists family's services. Needs <c>AddSessions</c> and <c>AddTake</c> (its session tokens and question views).</summary>
public static class PanelistServiceCollectionExtensions
{
    public static IServiceCollection AddPanelists(this IServiceCollection services)
    {
        services.AddSingleton<PanelistKeys>();
        services.AddSingleton<PanelistStore>();
        services.AddSingleton<PanelistState>();
        services.AddSingleton<PanelistReplies>();
        services.AddSingleton<PanelistEndpoints>();
        services.AddSingleton<PanelistResponseEndpoints>();
        return services;
    }
}
