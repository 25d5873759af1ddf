using SurveyFunctions.Core.SessionExports;

namespace SurveyFunctions.Core.Exports;

/// <summary>The wire shape of an export job (snake_case through <see cref="Http.Json.ApiJson"/>).</summary>
public static class ExportViews
{
    /// <param name="Percent">Rows written out of rows expected, to one decimal; 100 only once the file is complete.</param>
    /// <param name="Download">The file's path once it is complete (with the same API key), else null.</param>
    public sealed record ExportView(
        string Id,
        string SurveyUuid,
        string Status,
        string Format,
        bool IncludePartial,
        DateTimeOffset AsOf,
        DateTimeOffset? Since,
        bool Bom,
        long RowsWritten,
        long? RowsExpected,
        double Percent,
        long Bytes,
        DateTimeOffset CreatedAt,
        DateTimeOffset? CompletedAt,
        DateTimeOffset? ExpiresAt,
        string? Download,
        string? Error);

    /// <summary>The job as it stands at <paramref name="now"/>: a finished one past its retention is <c>expired</c>, without a
    /// download, from the moment it expires until the purge deletes it (then it is not found).</summary>
    public static ExportView Export(ExportRecord export, DateTimeOffset now) => new(
        export.Id,
        export.SurveyUuid,
        Status(export, now),
        export.Format.ToWire(),
        export.Window.IncludePartial,
        export.Window.AsOf,
        export.Window.Since,
        export.ByteOrderMark,
        export.RowsWritten,
        export.RowsExpected,
        Percent(export),
        export.Bytes,
        export.CreatedAt,
        export.CompletedAt,
        export.ExpiresAt,
        export.Status == ExportStatus.Succeeded && !export.IsExpired(now) ? $"/{ExportRoutes.Exports}/{export.Id}/file" : null,
        export.Error);

    public const string Expired = "expired";

    /// <summary>The wire status: <see cref="ExportStatus"/> in lower case, or <see cref="Expired"/>.</summary>
    public static string Status(ExportRecord export, DateTimeOffset now) =>
        export.IsExpired(now) ? Expired : export.Status.ToString().ToLowerInvariant();

    private static double Percent(ExportRecord export) => export.Status == ExportStatus.Succeeded ? 100
        : export.RowsExpected is > 0 and var expected ? Math.Min(99.9, Math.Round(100.0 * export.RowsWritten / expected, 1)) : 0;
}
