using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Envelopes;

/// <summary>Polling.com Account Level API: the documented status codes (401, 403, 404, 500) with a JSON body carrying a message.</summary>
internal sealed class AccountErrorEnvelope : IErrorEnvelope
{
    public IResult Render(ApiError error, HttpContext context) =>
        Results.Json(new AccountError(error.StatusCode, error.Message), ApiJson.Options, statusCode: error.StatusCode);

    internal sealed record AccountError(int Status, string Message);
}
