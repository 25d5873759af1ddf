using System.Globalization;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// What every streamed export (a survey's responses, a poll's votes) reads and writes alike: the <c>format</c> and flag query
/// parameters, and the <c>X-Export-As-Of</c> header that tells the client which instant the file holds.
/// </summary>
public static class ExportQuery
{
    public const string AsOfHeader = "X-Export-As-Of";

    /// <summary><c>format</c>: null when absent (the caller's default), else <c>csv</c> or <c>ndjson</c> exactly, once.</summary>
    public static Outcome<ExportFormat?> Format(IQueryCollection query, string alternatives = ExportFormats.Names)
    {
        if (!query.TryGetValue("format", out var text))
            return (ExportFormat?)null;
        return ExportFormats.Parse(text.ToString()) is { } format
            ? format
            : ApiError.BadRequest($"'format' must be {alternatives}.", "format");
    }

    /// <summary>A flag: absent is false; otherwise exactly <c>true</c> or <c>false</c>, else a validation error naming it.</summary>
    public static Outcome<bool> Flag(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var value))
            return false;
        return value.ToString() switch
        {
            "true" => true,
            "false" => false,
            _ => ApiError.BadRequest($"'{name}' must be 'true' or 'false'.", name),
        };
    }

    /// <summary>ISO 8601 UTC with every digit the instant has, so it can be passed back (as <c>since</c>) exactly.</summary>
    public static string Instant(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>"{what}-{id}-{as_of}.csv": the file's name says what it holds and at which instant.</summary>
    public static string FileName(string what, string id, DateTimeOffset asOf, ExportFormat format) =>
        $"{what}-{id}-{asOf.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fff'Z'", CultureInfo.InvariantCulture)}.{format.ToWire()}";
}
