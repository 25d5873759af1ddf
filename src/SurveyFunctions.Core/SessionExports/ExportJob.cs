using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// The queue-triggered export job: writes an export's file into Blob Storage as staged blocks of about
/// <see cref="SurveyFunctionsOptions.ExportBlockBytes"/>, checkpointing after each block (blocks staged, last session written,
/// rows, bytes). Rows come in session id order and a block ends after the first row that fills it, so where blocks end depends
/// on the data alone: a job killed at any point and run again from its checkpoint writes the same blocks and the same file. Two
/// runs of one job at once (a redelivered message) write identical blocks; the checkpoint's If-Match lets one go on.
/// </summary>
public sealed partial class ExportJob(ExportStore store, ExportFiles files, SurveyStore surveys, SessionSnapshots snapshots,
    SessionCompletions completions, IOptions<SurveyFunctionsOptions> options, TimeProvider time, ILogger<ExportJob> logger)
{
    /// <summary>
    /// How long after <c>as_of</c> the job starts reading: a session finished just before it is saved a moment later, and
    /// must be in the file.
    /// </summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    public static string Message(string tenantId, string exportId) => tenantId + "|" + exportId;

    public async Task ProcessMessageAsync(string message, CancellationToken ct)
    {
        var bar = message.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || await store.GetAsync(message[..bar], message[(bar + 1)..], ct).ConfigureAwait(false) is not { } export)
        {
            // An export deleted with its survey (or junk): nothing to do.
            LogNothingToDo(logger, message);
            return;
        }
        if (export.Status is ExportStatus.Succeeded or ExportStatus.Failed)
            return;
        if (await surveys.GetAsync(export.TenantId, export.SurveyUuid, ct).ConfigureAwait(false) is not { } survey)
        {
            await SaveAsync(export with { Status = ExportStatus.Failed, Error = "The survey was deleted.", CompletedAt = time.GetUtcNow() }, ct)
                .ConfigureAwait(false);
            return;
        }
        if (export.Status == ExportStatus.Queued)
        {
            var expected = await completions.CountFinishedAsync(export.TenantId, export.SurveyUuid, export.Window.Since, export.Window.AsOf, ct)
                .ConfigureAwait(false);
            export = await SaveAsync(export with { Status = ExportStatus.Running, RowsExpected = expected }, ct).ConfigureAwait(false);
        }
        var wait = export.Window.AsOf + Settle - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, time, ct).ConfigureAwait(false);

        export = await WriteRowsAsync(export, survey, ct).ConfigureAwait(false);
        var asOf = export.Window.AsOf.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        var metadata = new Dictionary<string, string> { ["as_of"] = asOf };
        await files.CommitAsync(export.BlobName, export.Blocks, export.Format.ContentType(), metadata, ct).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var expiresAt = now.AddHours(options.Value.ExportRetentionHours);
        await store.AddExpiryAsync(export, expiresAt, ct).ConfigureAwait(false);
        await SaveAsync(export with { Status = ExportStatus.Succeeded, CompletedAt = now, ExpiresAt = expiresAt }, ct).ConfigureAwait(false);
    }

    /// <summary>Writes the rows after the checkpoint, a block at a time; returns the export as last checkpointed.</summary>
    private async Task<ExportRecord> WriteRowsAsync(ExportRecord export, Survey survey, CancellationToken ct)
    {
        var block = new MemoryStream();
        var rows = await StartBlockAsync(export, survey, block, ct).ConfigureAwait(false);
        long rowsInBlock = 0, last = export.LastSessionId;
        try
        {
            await foreach (var session in snapshots.ReadAsync(export.TenantId, export.SurveyUuid, export.Window, export.LastSessionId, ct)
                .ConfigureAwait(false))
            {
                await rows.WriteAsync(session, ct).ConfigureAwait(false);
                await rows.FlushAsync(ct).ConfigureAwait(false);
                (rowsInBlock, last) = (rowsInBlock + 1, session.Id);
                if (block.Length < options.Value.ExportBlockBytes)
                    continue;
                await rows.DisposeAsync().ConfigureAwait(false);
                export = await CheckpointAsync(export, block, rowsInBlock, last, ct).ConfigureAwait(false);
                block = new MemoryStream();
                rows = await StartBlockAsync(export, survey, block, ct).ConfigureAwait(false);
                rowsInBlock = 0;
            }
            await rows.DisposeAsync().ConfigureAwait(false);
            // The last, partly filled block; or the header alone of a CSV without rows.
            return block.Length > 0 ? await CheckpointAsync(export, block, rowsInBlock, last, ct).ConfigureAwait(false) : export;
        }
        finally
        {
            await rows.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The rows of the next block; the first block starts with the header (and the byte order mark when asked).</summary>
    private static async Task<ExportRows<SurveySession>> StartBlockAsync(ExportRecord export, Survey survey, MemoryStream block, CancellationToken ct)
    {
        var first = export.Blocks == 0;
        var rows = SessionRows.Create(export.Format, survey, block, first && export.ByteOrderMark);
        if (first)
            await rows.WriteHeaderAsync(ct).ConfigureAwait(false);
        return rows;
    }

    private async Task<ExportRecord> CheckpointAsync(ExportRecord export, MemoryStream block, long rows, long lastSessionId, CancellationToken ct)
    {
        var length = block.Length;
        block.Position = 0;
        await files.StageAsync(export.BlobName, export.Blocks, block, ct).ConfigureAwait(false);
        return await SaveAsync(export with
        {
            Blocks = export.Blocks + 1,
            LastSessionId = lastSessionId,
            RowsWritten = export.RowsWritten + rows,
            Bytes = export.Bytes + length,
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Saves If-Match; another run that moved the checkpoint first wins, and this delivery fails to be retried from it.</summary>
    private async Task<ExportRecord> SaveAsync(ExportRecord export, CancellationToken ct) =>
        await store.SaveAsync(export, ct).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Export {export.Id} changed while this run wrote it (another run, or it was deleted).");

    [LoggerMessage(1, LogLevel.Information, "Export message {Message} names no export (deleted with its survey?): nothing to do")]
    private static partial void LogNothingToDo(ILogger logger, string message);
}
