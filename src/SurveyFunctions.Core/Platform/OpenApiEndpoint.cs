using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Hosted;

namespace SurveyFunctions.Core.Platform;

/// <summary>
/// <c>GET /openapi.json</c>: the hand-written OpenAPI 3.1 document (Platform/openapi.json, embedded). A test keeps it in
/// step with the route table, so a route cannot ship undocumented.
/// </summary>
public sealed class OpenApiEndpoint
{
    // no-cache: clients may keep a copy but revalidate it (a cheap 304 through the ETag), so a deployment shows at once.
    private readonly StaticAsset _document = StaticAsset.Load("SurveyFunctions.openapi.json", "application/json", "no-cache");

    public Task<IResult> GetAsync(HttpContext context) => Task.FromResult(_document.Serve(context));
}
