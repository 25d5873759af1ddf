using System.Globalization;
using CsvHelper;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// The one CSV dialect every export writes (CsvHelper's RFC 4180 writer): comma separated, CRLF line ends, fields quoted when
/// they hold a comma, quote or line break, UTF-8 with an optional byte order mark (Excel reads UTF-8 only with one). A text cell
/// a spreadsheet would run as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return, OWASP's list)
/// gets a leading <c>'</c>, so it shows as text (CSV injection).
/// </summary>
public static class ExportCsv
{
    public static CsvWriter Create(Stream output, bool byteOrderMark) =>
        CsvWriter.Create(output, CsvWriterOptions.Default with { Injection = CsvInjection.Escape, WriteByteOrderMark = byteOrderMark },
            leaveOpen: true);

    /// <summary>UTC, ISO 8601 to the millisecond: sorts as text and reads in every spreadsheet.</summary>
    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
