using System.Globalization;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Take;

/// <summary>
/// The query parameters of <c>GET …/take</c>: on the first call (no token) <c>customer_id</c>, <c>language</c>,
/// <c>country</c>, <c>region</c>, <c>city</c>, <c>lat</c>, <c>lon</c> describe the respondent; on later calls <c>page</c>
/// (1-based) goes back to an earlier page; <c>hidden[name]</c> gives the survey's hidden fields on the first
/// call. Every parameter is checked whenever it is sent: a bad one is a 400 naming it.
/// </summary>
public static class TakeQuery
{
    public const int MaxExternalId = Respondent.MaxExternalIdLength;
    public const int MaxLanguage = SurveyLanguages.MaxCodeLength;
    public const int MaxPlace = 200;
    public const int MaxPage = 1000;

    /// <summary>Who the respondent is (used on a first call) and the page asked for (used on later calls).</summary>
    public static Outcome<(SessionStart Start, int? Page)> Read(HttpRequest request)
    {
        var customerId = Text(request, "customer_id", MaxExternalId);
        var language = Language(request, "language");
        var country = Text(request, "country", MaxPlace);
        var region = Text(request, "region", MaxPlace);
        var city = Text(request, "city", MaxPlace);
        var lat = Coordinate(request, "lat", 90);
        var lon = Coordinate(request, "lon", 180);
        var page = ReadPage(request);
        var hidden = HiddenFieldValues.FromQuery(request.Query);
        foreach (var error in new[] { customerId.Error, language.Error, country.Error, region.Error, city.Error, lat.Error, lon.Error, page.Error,
                     hidden.Error })
        {
            if (error is not null)
                return error;
        }
        var details = new RespondentDetails(language.Value, UserAgents.IsMobile(request.Headers.UserAgent), country.Value, region.Value, city.Value,
            lat.Value, lon.Value);
        return (new SessionStart(customerId.Value, language.Value, details) { HiddenFields = hidden.Value }, page.Value);
    }

    /// <summary><c>page</c> as a 0-based index, or null when not sent.</summary>
    private static Outcome<int?> ReadPage(HttpRequest request)
    {
        var text = Single(request, "page");
        if (!text.IsSuccess || text.Value is null)
            return text.IsSuccess ? (int?)null : text.Error;
        return int.TryParse(text.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage
            ? page - 1
            : ApiError.BadRequest($"The 'page' parameter must be a page number from 1 to {MaxPage}.", "page");
    }

    private static Outcome<string?> Text(HttpRequest request, string name, int maxLength)
    {
        var text = Single(request, name);
        if (!text.IsSuccess || text.Value is null)
            return text;
        return text.Value.Length > maxLength || JsonFields.HasControlCharacters(text.Value)
            ? ApiError.BadRequest($"The '{name}' parameter must be 1 to {maxLength} characters without control characters.", name)
            : text.Value;
    }

    private static Outcome<string?> Language(HttpRequest request, string name)
    {
        var text = Single(request, name);
        if (!text.IsSuccess || text.Value is null)
            return text;
        return SurveyLanguages.IsLanguageCode(text.Value)
            ? text.Value
            : ApiError.BadRequest($"The '{name}' parameter must be a language code such as 'en' or 'es-MX'.", name);
    }

    private static Outcome<double?> Coordinate(HttpRequest request, string name, double limit)
    {
        var text = Single(request, name);
        if (!text.IsSuccess)
            return text.Error;
        if (text.Value is null)
            return (double?)null;
        return double.TryParse(text.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
            out var value) &&
               value >= -limit && value <= limit
            ? value
            : ApiError.BadRequest($"The '{name}' parameter must be a decimal number from -{limit} to {limit}.", name);
    }

    /// <summary>The parameter's one value; null when absent; a 400 when empty or sent more than once.</summary>
    private static Outcome<string?> Single(HttpRequest request, string name)
    {
        if (!request.Query.TryGetValue(name, out var values))
            return (string?)null;
        if (values.Count != 1)
            return ApiError.BadRequest($"The '{name}' parameter must be sent once.", name);
        return string.IsNullOrEmpty(values[0])
            ? ApiError.BadRequest($"The '{name}' parameter must not be empty.", name)
            : values[0];
    }
}
