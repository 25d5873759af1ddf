using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.SessionExports;

namespace SurveyFunctions.Core.Exports;

/// <summary>
/// What a caller asks of an export, streamed (query parameters) or as a job (body fields), with the same names: <c>format</c>
/// (<c>csv</c>, the default, or <c>ndjson</c>), <c>include_partial</c> (sessions not finished at <c>as_of</c> too; default
/// false), <c>since</c> (an earlier export's <c>as_of</c>: only sessions finished after it) and <c>bom</c> (CSV: a UTF-8 byte
/// order mark first, for Excel; default false).
/// </summary>
public sealed record ExportRequest(ExportFormat Format, bool IncludePartial, DateTimeOffset? Since, bool ByteOrderMark)
{
    public static readonly string[] Fields = ["format", "include_partial", "since", "bom"];

    /// <summary>From the query string of a streamed read; every value is checked as the body's would be.</summary>
    public static Outcome<ExportRequest> FromQuery(IQueryCollection query, DateTimeOffset now)
    {
        var format = ExportQuery.Format(query);
        if (!format.IsSuccess)
            return format.Error;
        var partial = ExportQuery.Flag(query, "include_partial");
        if (!partial.IsSuccess)
            return partial.Error;
        var bom = ExportQuery.Flag(query, "bom");
        if (!bom.IsSuccess)
            return bom.Error;
        DateTimeOffset? since = null;
        if (query.TryGetValue("since", out var text))
        {
            if (!DateTimeOffset.TryParse(text.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                || parsed.Year < 1601)
                return ApiError.BadRequest("'since' must be a date and time (ISO 8601), such as an earlier export's 'as_of'.", "since");
            since = parsed;
        }
        return Check(new ExportRequest(format.Value ?? ExportFormat.Csv, partial.Value, since, bom.Value), now);
    }

    /// <summary>From the body of <c>POST …/exports</c> (an empty object takes every default); unknown fields are refused.</summary>
    public static Outcome<ExportRequest> FromBody(JsonElement body, DateTimeOffset now)
    {
        var fields = new JsonFields(body);
        var formatText = fields.Text("format", maxLength: 16);
        var partial = fields.Flag("include_partial");
        var since = fields.Date("since");
        var bom = fields.Flag("bom");
        fields.RejectUnknown(Fields);
        if (fields.Error is { } error)
            return error;
        var format = formatText is null ? ExportFormat.Csv : ExportFormats.Parse(formatText);
        if (format is null)
            return ApiError.BadRequest($"'format' must be {ExportFormats.Names}.", "format");
        return Check(new ExportRequest(format.Value, partial ?? false, since, bom ?? false), now);
    }

    private static Outcome<ExportRequest> Check(ExportRequest request, DateTimeOffset now) =>
        request.Since > now ? ApiError.BadRequest("'since' is in the future: an export only holds sessions finished by now.", "since") : request;
}
