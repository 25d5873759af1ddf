using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Envelopes;

/// <summary>
/// The QuestionPro survey-taking API's error envelope:
/// <c>{"response":{"error":{docs,name,httpStatusCode,id,message,resourceUrl}},"requestID":…}</c>.
/// Names and ids are its documentation's where it lists them (BAD_REQUEST 1000, UNAUTHORIZED 1010, FORBIDDEN 1013,
/// NOT_FOUND 1040, INTERNAL_SERVER_ERROR 1026); the rest follow the same pattern.
/// </summary>
internal sealed class TakeErrorEnvelope : IErrorEnvelope
{
    public const string DocsUrl = "/openapi.json#take-errors";

    public IResult Render(ApiError error, HttpContext context)
    {
        var (name, id) = error.Kind switch
        {
            ErrorKind.BadRequest => ("BAD_REQUEST", "1000"),
            ErrorKind.Unauthorized => ("UNAUTHORIZED", "1010"),
            ErrorKind.Forbidden => ("FORBIDDEN", "1013"),
            ErrorKind.NotFound => ("NOT_FOUND", "1040"),
            ErrorKind.MethodNotAllowed => ("METHOD_NOT_ALLOWED", "1005"),
            ErrorKind.Conflict => ("CONFLICT", "1009"),
            ErrorKind.Gone => ("GONE", "1041"),
            ErrorKind.UnprocessableContent => ("UNPROCESSABLE_ENTITY", "1022"),
            ErrorKind.PayloadTooLarge => ("PAYLOAD_TOO_LARGE", "1013"),
            ErrorKind.UnsupportedMediaType => ("UNSUPPORTED_MEDIA_TYPE", "1015"),
            ErrorKind.TooManyRequests => ("TOO_MANY_REQUESTS", "1029"),
            ErrorKind.ServiceUnavailable => ("SERVICE_UNAVAILABLE", "1030"),
            _ => ("INTERNAL_SERVER_ERROR", "1026"),
        };
        var body = new TakeErrorResponse(
            new TakeErrorWrapper(new TakeError(DocsUrl, name, error.StatusCode, id, error.Message, ResourceUrl(context))),
            RequestIds.Get(context));
        return Results.Json(body, ApiJson.Options, statusCode: error.StatusCode);
    }

    /// <summary>
    /// The resource the request addressed, as its route template (<c>/a/api/v2/surveys/{surveyId}/take</c>): never the path
    /// itself, so an error does not reflect what the caller put in the URL (ids, junk, another tenant's uuid).
    /// </summary>
    private static string ResourceUrl(HttpContext context) =>
        context.RequestServices.GetRequiredService<EndpointCatalog>().TemplateFor(context.Request.Path.Value ?? "") ?? "/a/api/v2";

    internal sealed record TakeErrorResponse(TakeErrorWrapper Response, [property: JsonPropertyName("requestID")] string RequestId);

    internal sealed record TakeErrorWrapper(TakeError Error);

    internal sealed record TakeError(
        [property: JsonPropertyName("docs")] string Docs,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("httpStatusCode")] int HttpStatusCode,
        [property: JsonPropertyName("id")] string Id,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("resourceUrl")] string ResourceUrl);
}
