using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// One HTTP endpoint: its stable name (the Functions adapter's <c>[Function]</c> name), family, route template
/// (ASP.NET Core syntax, no leading slash, as Azure Functions writes it with <c>routePrefix: ""</c>), methods and handler.
/// </summary>
public sealed record EndpointDefinition(
    string Name,
    ApiFamily Family,
    string Route,
    IReadOnlyList<string> Methods,
    Func<HttpContext, Task<IResult>> Handler);
