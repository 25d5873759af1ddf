using Microsoft.Extensions.DependencyInjection;

namespace SurveyFunctions.Core.Exports;

/// <summary>The export endpoints. Needs <c>AddSurveys</c> and <c>AddSessionExports</c>.</summary>
public static class ExportServiceCollectionExtensions
{
    public static IServiceCollection AddExports(this IServiceCollection services)
    {
        services.AddSingleton<ResponseStreamEndpoint>();
        services.AddSingleton<ExportJobEndpoints>();
        return services;
    }
}
