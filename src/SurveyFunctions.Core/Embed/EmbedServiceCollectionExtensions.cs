using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Embed;

/// <summary>The poll embed script.</summary>
public static class EmbedServiceCollectionExtensions
{
    public static IServiceCollection AddEmbed(this IServiceCollection services)
    {
        services.AddSingleton<PollEmbedScriptEndpoint>();
        return services;
    }
}
