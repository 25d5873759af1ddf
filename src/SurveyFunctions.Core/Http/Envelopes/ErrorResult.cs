using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Envelopes;

/// <summary>
/// An error returned by a handler as a value. The dispatcher renders it in the route's family envelope, so handlers need
/// not know their family; should one ever execute outside the dispatcher, it renders by the family that owns the path.
/// </summary>
public sealed class ErrorResult(ApiError error) : IResult
{
    public ApiError Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext) =>
        httpContext.RequestServices.GetRequiredService<EndpointCatalog>().FamilyOf(httpContext.Request.Path.Value)
            .Render(Error, httpContext).ExecuteAsync(httpContext);
}

/// <summary>Errors as handler results: the domain returns <see cref="ApiError"/> values, the edge turns them into replies.</summary>
public static class ErrorResults
{
    /// <summary>This error as a handler's result; the dispatcher renders it in the route's family envelope.</summary>
    public static IResult ToResult(this ApiError error) => new ErrorResult(error);
}
