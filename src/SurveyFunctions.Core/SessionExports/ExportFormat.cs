namespace SurveyFunctions.Core.SessionExports;

/// <summary>The file formats an export writes.</summary>
public enum ExportFormat
{
    /// <summary>RFC 4180 CSV in UTF-8: a header row, then one row per session (<see cref="CsvSessionRows"/>).</summary>
    Csv,

    /// <summary>Newline-delimited JSON: one session per line in the Account family's session shape (<see cref="SessionRows"/>).</summary>
    Ndjson,
}

public static class ExportFormats
{
    /// <summary>The wire names, as <c>format=</c> and the export body's <c>format</c> take them.</summary>
    public const string Names = "'csv' or 'ndjson'";

    public static ExportFormat? Parse(string? text) => text switch
    {
        "csv" => ExportFormat.Csv,
        "ndjson" => ExportFormat.Ndjson,
        _ => null,
    };

    public static string ToWire(this ExportFormat format) => format == ExportFormat.Csv ? "csv" : "ndjson";

    public static string ContentType(this ExportFormat format) =>
        format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
}
