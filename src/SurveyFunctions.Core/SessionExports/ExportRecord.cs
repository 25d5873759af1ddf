namespace SurveyFunctions.Core.SessionExports;

/// <summary>Where an export job stands.</summary>
public enum ExportStatus
{
    /// <summary>Accepted; its message waits in the queue.</summary>
    Queued,

    /// <summary>Rows are being written (a job killed here resumes at its checkpoint).</summary>
    Running,

    /// <summary>The file is complete and can be downloaded until it expires (then the view says <c>expired</c>).</summary>
    Succeeded,

    /// <summary>It cannot be made (its survey was deleted meanwhile); <see cref="ExportRecord.Error"/> says why.</summary>
    Failed,
}

/// <summary>
/// One export job of one tenant's survey (<see cref="ExportStore"/>): what was asked (<see cref="Window"/>, format, byte order
/// mark), and its checkpoint: the blocks staged so far, the last session written and the rows and bytes they hold. A job
/// that resumes from here writes the rest and produces the same bytes as a job that never stopped.
/// </summary>
public sealed record ExportRecord
{
    public required string TenantId { get; init; }
    public required string Id { get; init; }
    public required string SurveyUuid { get; init; }
    public required ExportFormat Format { get; init; }
    public required ExportWindow Window { get; init; }
    public bool ByteOrderMark { get; init; }
    public ExportStatus Status { get; init; }

    /// <summary>Finished sessions in the window when the job started counting (partial ones come on top).</summary>
    public long? RowsExpected { get; init; }

    public long RowsWritten { get; init; }
    public long Bytes { get; init; }

    /// <summary>Blocks staged and checkpointed: the file is blocks 0 … <c>Blocks - 1</c>.</summary>
    public int Blocks { get; init; }

    /// <summary>The last session written (0: none): the job resumes after it.</summary>
    public long LastSessionId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? Error { get; init; }
    public string? ETag { get; init; }

    /// <summary>Finished, and its retention ran out by <paramref name="now"/>: the file is gone for good, whether or not the purge
    /// has deleted it yet.</summary>
    public bool IsExpired(DateTimeOffset now) => Status == ExportStatus.Succeeded && ExpiresAt <= now;

    public string BlobName => $"{TenantId}/{Id}.{Format.ToWire()}";
}
