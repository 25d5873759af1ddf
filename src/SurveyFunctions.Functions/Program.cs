using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SurveyFunctions.Core.Composition;
var builder = FunctionsApplication.CreateBuilder(args);

// ASP.NET Core integration: HTTP functions take HttpRequest and return IResult, like the standalone host. It also runs
// ForwardedHeadersMiddleware trusting only the local Functions host, so Connection.RemoteIpAddress is the client address
// the platform's front end saw: the address the rate limits count by (Core/Http/RateLimiting/ClientAddress.cs).
builder.ConfigureFunctionsWebApplication();

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// The same registration the standalone host calls: options, storage client, services, handlers, jobs.
builder.Services.AddSurveyFunctions(builder.Configuration);

builder.Build().Run();
