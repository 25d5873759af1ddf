using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using SurveyFunctions.Core.Http;

namespace SurveyFunctions.Functions;

/// <summary>Health and tenant administration. Each adapter hands the request to the core's route table entry of the same name.</summary>
public sealed class PlatformFunctions(EndpointDispatcher endpoints)
{
    [Function("Health")]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req) => endpoints.InvokeAsync("Health", req);

    [Function("OpenApi")]
    public Task<IResult> OpenApi([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest req) => endpoints.InvokeAsync("OpenApi", req);

    [Function("AdminCreateTenant")]
    public Task<IResult> AdminCreateTenant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/tenants")] HttpRequest req) => endpoints.InvokeAsync("AdminCreateTenant", req);

    [Function("AdminGetTenant")]
    public Task<IResult> AdminGetTenant([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/admin/tenants/{tenantId}")] HttpRequest req) => endpoints.InvokeAsync("AdminGetTenant", req);

    [Function("AdminIssueKey")]
    public Task<IResult> AdminIssueKey([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/admin/tenants/{tenantId}/keys")] HttpRequest req) => endpoints.InvokeAsync("AdminIssueKey", req);

    [Function("AdminRevokeKey")]
    public Task<IResult> AdminRevokeKey([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/admin/tenants/{tenantId}/keys/{keyId}")] HttpRequest req) => endpoints.InvokeAsync("AdminRevokeKey", req);
}
