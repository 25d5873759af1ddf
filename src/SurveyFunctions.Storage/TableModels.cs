namespace SurveyFunctions.Storage;

/// <summary>How an update or upsert treats properties that are not in the sent entity.</summary>
public enum TableUpdateMode
{
    /// <summary>Keep properties the sent entity does not mention (HTTP MERGE).</summary>
    Merge,

    /// <summary>Replace the whole entity (HTTP PUT).</summary>
    Replace,
}

/// <summary>One page of a query; <see cref="ContinuationToken"/> is null when there is nothing more.</summary>
public sealed record TablePage(IReadOnlyList<TableEntity> Items, string? ContinuationToken);

/// <summary>The kinds of operation an entity group transaction may hold.</summary>
public enum TableTransactionActionType
{
    Add,
    UpsertMerge,
    UpsertReplace,
    UpdateMerge,
    UpdateReplace,
    Delete,
}

/// <summary>One operation of a transaction. <see cref="IfMatch"/> is used by Update* and Delete only.</summary>
public sealed record TableTransactionAction(TableTransactionActionType ActionType, TableEntity Entity, string IfMatch = "*");
