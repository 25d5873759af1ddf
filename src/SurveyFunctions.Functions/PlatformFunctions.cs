using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>
/// Health and tenant administration. Each adapter hands the request to the core's route table entry of its own name
/// (<c>nameof</c>, so a function cannot dispatch to another entry); a test checks the built functions.metadata against the table.
/// </summary>
public sealed class PlatformFunctions(EndpointDispatcher endpoints)
{
    [Function(nameof(Health))]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/health")] HttpRequest req) => endpoints.InvokeAsync(nameof(Health), req);

    [Function(nameof(OpenApi))]
    public Task<IResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "openapi.json")] HttpRequest req) => endpoints.InvokeAsync(nameof(OpenApi), req);

    [Function(nameof(AdminCreateTenant))]
    public Task<IResult> AdminCreateTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/tenants")] HttpRequest req) => endpoints.InvokeAsync(nameof(AdminCreateTenant), req);

    [Function(nameof(AdminGetTenant))]
    public Task<IResult> AdminGetTenant([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/admin/tenants/{tenantId}")] HttpRequest req) => endpoints.InvokeAsync(nameof(AdminGetTenant), req);

    [Function(nameof(AdminIssueKey))]
    public Task<IResult> AdminIssueKey([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/tenants/{tenantId}/keys")] HttpRequest req) => endpoints.InvokeAsync(nameof(AdminIssueKey), req);

    [Function(nameof(AdminRevokeKey))]
    public Task<IResult> AdminRevokeKey([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/admin/tenants/{tenantId}/keys/{keyId}")] HttpRequest req) => endpoints.InvokeAsync(nameof(AdminRevokeKey), req);
}
