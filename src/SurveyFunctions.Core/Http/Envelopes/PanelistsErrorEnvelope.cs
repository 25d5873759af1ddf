using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Envelopes;

/// <summary>Votito panelist API: the "Error" column of its table (<c>Unauthorized</c>, <c>Forbidden</c>,
/// <c>survey_not_found</c>) plus a message.</summary>
internal sealed class PanelistsErrorEnvelope : IErrorEnvelope
{
    public IResult Render(ApiError error, HttpContext context)
    {
        var name = error.Kind switch
        {
            ErrorKind.Unauthorized => "Unauthorized",
            ErrorKind.Forbidden => "Forbidden",
            _ => error.Code,
        };
        return Results.Json(new PanelistsError(name, error.Message), ApiJson.Options, statusCode: error.StatusCode);
    }

    internal sealed record PanelistsError(string Error, string Message);
}
