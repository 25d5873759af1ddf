using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Envelopes;

/// <summary>Polls API: <c>{"error":{"code":"poll_not_found","message":"…"}}</c>. Also used by our platform endpoints.</summary>
internal sealed class PollsErrorEnvelope : IErrorEnvelope
{
    public IResult Render(ApiError error, HttpContext context) =>
        Results.Json(
            new PollsError(new PollsErrorBody(error.Code, error.Message, error.Field)),
            ApiJson.Options,
            statusCode: error.StatusCode);

    internal sealed record PollsError(PollsErrorBody Error);

    internal sealed record PollsErrorBody(string Code, string Message,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field);
}
