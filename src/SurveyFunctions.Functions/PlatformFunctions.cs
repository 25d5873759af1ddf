using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Admin;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Platform;

namespace SurveyFunctions.Functions;

/// <summary>
/// Health, the OpenAPI document and tenant administration: one function per route template of <see cref="PlatformRoutes"/>.
/// No method constraint: the route table's methods decide, and a method the template does not serve gets the family's 405.
/// Templates, methods and endpoint names are written once, in the core; the functions.metadata test checks the built app.
/// </summary>
public sealed class PlatformFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(PlatformRoutes.Health))]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, Route = PlatformRoutes.Health)] HttpRequest req) =>
        endpoints.InvokeAsync(PlatformRoutes.Health, req);

    [Function(nameof(PlatformRoutes.OpenApiDocument))]
    public Task<IResult> OpenApiDocument([HttpTrigger(AuthorizationLevel.Anonymous, Route = PlatformRoutes.OpenApiDocument)] HttpRequest req) =>
        endpoints.InvokeAsync(PlatformRoutes.OpenApiDocument, req);

    [Function(nameof(AdminRoutes.AdminTenants))]
    public Task<IResult> AdminTenants([HttpTrigger(AuthorizationLevel.Anonymous, Route = AdminRoutes.AdminTenants)] HttpRequest req) =>
        endpoints.InvokeAsync(AdminRoutes.AdminTenants, req);

    [Function(nameof(AdminRoutes.AdminTenant))]
    public Task<IResult> AdminTenant([HttpTrigger(AuthorizationLevel.Anonymous, Route = AdminRoutes.AdminTenant)] HttpRequest req) =>
        endpoints.InvokeAsync(AdminRoutes.AdminTenant, req);

    [Function(nameof(AdminRoutes.AdminTenantKeys))]
    public Task<IResult> AdminTenantKeys([HttpTrigger(AuthorizationLevel.Anonymous, Route = AdminRoutes.AdminTenantKeys)] HttpRequest req) =>
        endpoints.InvokeAsync(AdminRoutes.AdminTenantKeys, req);

    [Function(nameof(AdminRoutes.AdminTenantKey))]
    public Task<IResult> AdminTenantKey([HttpTrigger(AuthorizationLevel.Anonymous, Route = AdminRoutes.AdminTenantKey)] HttpRequest req) =>
        endpoints.InvokeAsync(AdminRoutes.AdminTenantKey, req);
}
