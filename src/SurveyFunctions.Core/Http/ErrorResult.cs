using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// An error returned by a handler as a value. The dispatcher renders it in the route's family envelope, so handlers need
/// not know their family; should one ever execute outside the dispatcher, it renders by the request's path.
/// </summary>
public sealed class ErrorResult(ApiError error) : IResult
{
    public ApiError Error { get; } = error;

    public Task ExecuteAsync(HttpContext httpContext) =>
        FamilyRouting.ForPath(httpContext.Request.Path.Value).Render(Error, httpContext).ExecuteAsync(httpContext);
}
