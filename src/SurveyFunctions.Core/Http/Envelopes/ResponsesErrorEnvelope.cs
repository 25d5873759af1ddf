using System.Globalization;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Envelopes;

/// <summary>Zendesk's Help Center survey responses API: <c>{"errors":[{"code":"NotFound","status":"404","title":"…"}]}</c> (status is a string
/// there).</summary>
internal sealed class ResponsesErrorEnvelope : IErrorEnvelope
{
    public IResult Render(ApiError error, HttpContext context)
    {
        var code = error.Kind switch
        {
            ErrorKind.BadRequest => "BadRequest",
            ErrorKind.Unauthorized => "Unauthorized",
            ErrorKind.Forbidden => "Forbidden",
            ErrorKind.NotFound => "NotFound",
            ErrorKind.MethodNotAllowed => "MethodNotAllowed",
            ErrorKind.Conflict => "Conflict",
            ErrorKind.Gone => "Gone",
            ErrorKind.UnprocessableContent => "UnprocessableEntity",
            ErrorKind.PayloadTooLarge => "PayloadTooLarge",
            ErrorKind.UnsupportedMediaType => "UnsupportedMediaType",
            ErrorKind.TooManyRequests => "TooManyRequests",
            ErrorKind.ServiceUnavailable => "ServiceUnavailable",
            _ => "InternalServerError",
        };
        // Zendesk's documented titles for 401 and 403 whatever failed (a missing key, a bad key, a bad access token): the caller learns
        // that it may not, not which of its credentials was wrong.
        var title = error.Kind switch
        {
            ErrorKind.Unauthorized => "Unauthorized to access the resource",
            ErrorKind.Forbidden => "Access to the resource is forbidden",
            _ => error.Message,
        };
        var status = error.StatusCode.ToString(CultureInfo.InvariantCulture);
        return Results.Json(new ResponsesErrors([new ResponsesError(code, status, title)]), ApiJson.Options, statusCode: error.StatusCode);
    }

    internal sealed record ResponsesErrors(IReadOnlyList<ResponsesError> Errors);

    internal sealed record ResponsesError(string Code, string Status, string Title);
}
