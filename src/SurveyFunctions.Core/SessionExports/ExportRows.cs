using CsvHelper;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// Items written into a stream as the rows of one <see cref="ExportFormat"/>, one at a time as they are read: a streamed
/// response uses one for the whole file; an export job one per block (the header only in the first).
/// </summary>
public abstract class ExportRows<T> : IAsyncDisposable
{
    /// <summary>What comes before the first row: the CSV header (and byte order mark); nothing in NDJSON.</summary>
    public abstract ValueTask WriteHeaderAsync(CancellationToken ct);

    public abstract ValueTask WriteAsync(T item, CancellationToken ct);

    /// <summary>Writes what is buffered and flushes the stream.</summary>
    public abstract ValueTask FlushAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();
}

/// <summary>CSV rows in <see cref="ExportCsv"/>'s dialect: a header of <see cref="Columns"/>, then one record per item.</summary>
internal abstract class CsvRows<T>(Stream output, bool byteOrderMark) : ExportRows<T>
{
    protected CsvWriter Csv { get; } = ExportCsv.Create(output, byteOrderMark);

    /// <summary>The header row's names, one per field every record has.</summary>
    protected abstract IReadOnlyList<string> Columns { get; }

    public override ValueTask WriteHeaderAsync(CancellationToken ct)
    {
        Csv.WriteHeader([.. Columns]);
        return ValueTask.CompletedTask;
    }

    public override async ValueTask WriteAsync(T item, CancellationToken ct)
    {
        WriteFields(item);
        await Csv.EndRecordAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Writes the item's fields, in <see cref="Columns"/> order, with the writer's <c>WriteField</c> methods: text as
    /// text (a possible formula is neutralised), numbers as numbers (<c>-5</c> stays a number).</summary>
    protected abstract void WriteFields(T item);

    public override ValueTask FlushAsync(CancellationToken ct) => Csv.FlushAsync(ct);

    public override ValueTask DisposeAsync() => Csv.DisposeAsync();
}

/// <summary>One item per line, as <paramref name="view"/> shows it, in <see cref="NdjsonWriter"/>'s JSON.</summary>
public sealed class NdjsonRows<T, TView>(Stream output, Func<T, TView> view) : ExportRows<T>
{
    private readonly NdjsonWriter _lines = new(output);

    public override ValueTask WriteHeaderAsync(CancellationToken ct) => ValueTask.CompletedTask;

    public override ValueTask WriteAsync(T item, CancellationToken ct) => _lines.WriteAsync(view(item), ct);

    public override ValueTask FlushAsync(CancellationToken ct) => new(_lines.FlushAsync(ct));

    public override ValueTask DisposeAsync() => _lines.DisposeAsync();
}
