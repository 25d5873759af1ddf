using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Http.Routing;

namespace SurveyFunctions.Host;

/// <summary>
/// Builds the standalone host: Kestrel serving the core's route table, and the core's jobs as background services.
/// Tests and the benchmark build it in-process through here (with their own configuration and clock).
/// </summary>
public static class SurveyFunctionsHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        AddLocalSettings(builder.Configuration);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = RequestLimits.MaxBodyBytes);
        builder.Services.AddSurveyFunctions(builder.Configuration);
        builder.Services.AddSurveyFunctionsJobs(builder.Configuration);
        // Polls are embedded on customers' sites: any origin may call us. No cookies are used, so no credentials.
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy => policy.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseCors();
        app.UseStatusCodePages(WriteFamilyErrorForEmptyStatus);
        app.MapSurveyFunctionsEndpoints();
        return app;
    }

    private static void MapSurveyFunctionsEndpoints(this WebApplication app)
    {
        var dispatcher = app.Services.GetRequiredService<EndpointDispatcher>();
        foreach (var endpoint in RouteTable.All)
        {
            app.MapMethods("/" + endpoint.Route, endpoint.Methods, (Delegate)((HttpContext context) => dispatcher.InvokeAsync(endpoint, context)))
                .WithName(endpoint.Name);
        }
        // "{**path}", not MapFallback's default "{*path:nonfile}": a path whose last segment looks like a file name
        // (PUT /openapi.json, GET /x.json) would otherwise skip the fallback and get a bare 404 without the envelope.
        // The Functions app's catch-all function answers through the same RouteFallback.
        app.MapFallback("{**path}", (Delegate)((HttpContext context) => RouteFallback.Answer(context)));
    }

    /// <summary>Routing answers a wrong method with a bare 405; give it the family's envelope like every other error.</summary>
    private static async Task WriteFamilyErrorForEmptyStatus(StatusCodeContext statusContext)
    {
        var context = statusContext.HttpContext;
        if (context.Response.StatusCode != StatusCodes.Status405MethodNotAllowed)
            return;
        await RouteFallback.Answer(context).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the Values of a Functions <c>local.settings.json</c> (path from <c>SURVEYFUNCTIONS_LOCAL_SETTINGS</c>) so the
    /// standalone host and <c>func start</c> share one settings file. Environment variables still win.
    /// </summary>
    private static void AddLocalSettings(ConfigurationManager configuration)
    {
        var path = Environment.GetEnvironmentVariable("SURVEYFUNCTIONS_LOCAL_SETTINGS");
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            return;
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        if (!document.RootElement.TryGetProperty("Values", out var values) || values.ValueKind != JsonValueKind.Object)
            return;
        var settings = values.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
        configuration.AddInMemoryCollection(settings);
        configuration.AddEnvironmentVariables();
    }
}
