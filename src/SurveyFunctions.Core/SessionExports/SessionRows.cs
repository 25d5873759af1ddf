using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// Sessions of one survey written into a stream as rows of one <see cref="ExportFormat"/>, one at a time as they are read. A
/// streamed response uses one for the whole file; an export job one per block (the header only in the first).
/// </summary>
public abstract class SessionRows : IAsyncDisposable
{
    /// <param name="format">The file format.</param>
    /// <param name="survey">The survey, as it is now: its questions are the CSV's columns and name the answers.</param>
    /// <param name="output">Where the rows go; left open.</param>
    /// <param name="byteOrderMark">CSV only: start with a UTF-8 byte order mark (for Excel).</param>
    public static SessionRows Create(ExportFormat format, Survey survey, Stream output, bool byteOrderMark) =>
        format == ExportFormat.Csv ? new CsvSessionRows(survey, output, byteOrderMark) : new NdjsonSessionRows(survey, output);

    /// <summary>What comes before the first row: the CSV header (and byte order mark); nothing in NDJSON.</summary>
    public abstract ValueTask WriteHeaderAsync(CancellationToken ct);

    public abstract ValueTask WriteAsync(SurveySession session, CancellationToken ct);

    /// <summary>Writes what is buffered and flushes the stream.</summary>
    public abstract ValueTask FlushAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}
