using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace SurveyFunctions.Storage;

/// <summary>Operations on one table. Thread-safe; cheap to create from <see cref="TableServiceClient"/>.</summary>
public sealed class TableClient
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    private readonly ServiceRequestContext _context;
    private readonly string _tableUrl;
    private readonly Uri _tablesUri;
    private readonly Uri _tableUri;
    private readonly Uri _queryUri;

    internal TableClient(ServiceRequestContext context, string tableName)
    {
        TableKeys.ValidateTableName(tableName);
        _context = context;
        Name = tableName;
        // Built once: every request starts from one of these instead of concatenating strings.
        _tableUrl = context.EndpointText + "/" + tableName;
        _tablesUri = new Uri(context.EndpointText + "/Tables");
        _tableUri = new Uri(_tableUrl);
        _queryUri = new Uri(_tableUrl + "()");
    }

    public string Name { get; }

    /// <summary>Creates the table; an existing table (409 TableAlreadyExists) is success.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var body = new PooledBufferWriter(128);
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("TableName", Name);
            writer.WriteEndObject();
        }
        using var message = CreateMessage(RequestMethod.Post, _tablesUri);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        SetJsonContent(message.Request, body);
        await _context.Pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status is 201 or 204)
        {
            return;
        }
        if (response.Status == 409)
        {
            var (code, _) = StorageErrors.Parse(response);
            if (code is null or "TableAlreadyExists")
            {
                return;
            }
        }
        throw StorageErrors.Create(response, "Create table '" + Name + "'");
    }

    /// <summary>
    /// Deletes the table with everything in it; returns false if there was none. Azure makes the name unusable for a
    /// while after a delete (recreating answers 409 TableBeingDeleted); Azurite frees it at once.
    /// </summary>
    public async Task<bool> DeleteIfExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, new Uri(_tablesUri.AbsoluteUri + "('" + Name + "')"));
        await _context.Pipeline.SendAsync(message, ct).ConfigureAwait(false);
        return message.Response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StorageErrors.Create(message.Response, "Delete table '" + Name + "'"),
        };
    }

    /// <summary>Point read; null when the entity (or table) does not exist.</summary>
    public async Task<TableEntity?> GetEntityAsync(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Get, _tableUri);
        message.Request.Uri.AppendPath(TableKeys.EntitySegment(partitionKey, rowKey), escape: false);
        AppendSelect(message.Request, select);
        await _context.Pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status == 404)
        {
            return null;
        }
        if (response.Status != 200)
        {
            throw StorageErrors.Create(response, "Get entity");
        }
        using var doc = JsonDocument.Parse(response.Content.ToMemory());
        var entity = TableEntityJson.Read(doc.RootElement);
        if (entity.ETag is null && response.Headers.TryGetValue("ETag", out var etag))
        {
            entity.ETag = etag;
        }
        return entity;
    }

    /// <summary>Inserts; a duplicate fails with 409 "EntityAlreadyExists". Returns the new ETag.</summary>
    public Task<string> AddEntityAsync(TableEntity entity, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        TableKeys.Validate(entity.PartitionKey, "PartitionKey");
        TableKeys.Validate(entity.RowKey, "RowKey");
        return SendEntityAsync(RequestMethod.Post, _tableUri, entity, ifMatch: null, "Add entity", ct);
    }

    /// <summary>Insert or merge/replace, unconditionally. Returns the new ETag.</summary>
    public Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return SendEntityAsync(MethodFor(mode), EntityUri(entity), entity, ifMatch: null, "Upsert entity", ct);
    }

    /// <summary>Update an existing entity if its ETag still matches (or "*"): 412 when stale, 404 when missing.</summary>
    public Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return SendEntityAsync(MethodFor(mode), EntityUri(entity), entity, ifMatch, "Update entity", ct);
    }

    /// <summary>Deletes; false when there was nothing to delete. A stale ETag throws (412).</summary>
    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch = "*", CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        using var message = CreateMessage(RequestMethod.Delete, _tableUri);
        message.Request.Uri.AppendPath(TableKeys.EntitySegment(partitionKey, rowKey), escape: false);
        message.Request.Headers.SetValue("If-Match", ifMatch);
        await _context.Pipeline.SendAsync(message, ct).ConfigureAwait(false);
        return message.Response.Status switch
        {
            204 => true,
            404 => false,
            _ => throw StorageErrors.Create(message.Response, "Delete entity"),
        };
    }

    /// <summary>
    /// One page of results. Build <paramref name="filter"/> with <see cref="TableFilter.Of"/>. Pass the returned token back
    /// to continue; a page may be empty yet carry a token (the service stops at partition/time boundaries).
    /// </summary>
    public async Task<TablePage> QueryPageAsync(string? filter = null, IEnumerable<string>? select = null, int? top = null, string? continuationToken = null, CancellationToken ct = default)
    {
        if (top is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(top), top, "$top must be between 1 and 1000.");
        }
        (string NextPartitionKey, string? NextRowKey)? continuation = null;
        if (continuationToken is not null)
        {
            continuation = TableContinuation.Decode(continuationToken);
        }

        using var message = CreateMessage(RequestMethod.Get, _queryUri);
        var uri = message.Request.Uri;
        if (!string.IsNullOrEmpty(filter))
        {
            uri.AppendQuery("$filter", filter, escapeValue: true);
        }
        AppendSelect(message.Request, select);
        if (top is { } t)
        {
            uri.AppendQuery("$top", t.ToString(System.Globalization.CultureInfo.InvariantCulture), escapeValue: false);
        }
        if (continuation is { } c)
        {
            uri.AppendQuery("NextPartitionKey", c.NextPartitionKey, escapeValue: true);
            if (c.NextRowKey is not null)
            {
                uri.AppendQuery("NextRowKey", c.NextRowKey, escapeValue: true);
            }
        }

        await _context.Pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw StorageErrors.Create(response, "Query entities");
        }

        List<TableEntity> items;
        using (var doc = JsonDocument.Parse(response.Content.ToMemory()))
        {
            if (!doc.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
            {
                throw new RequestFailedException(response.Status, "Query response has no 'value' array.", null, null);
            }
            items = new List<TableEntity>(value.GetArrayLength());
            foreach (var element in value.EnumerateArray())
            {
                items.Add(TableEntityJson.Read(element));
            }
        }

        response.Headers.TryGetValue(TableContinuation.NextPartitionKeyHeader, out var nextPk);
        response.Headers.TryGetValue(TableContinuation.NextRowKeyHeader, out var nextRk);
        return new TablePage(items, TableContinuation.Encode(nextPk, nextRk));
    }

    /// <summary>All matching entities, following continuation tokens until the service says there is no more.</summary>
    public async IAsyncEnumerable<TableEntity> QueryAsync(string? filter = null, IEnumerable<string>? select = null, int? maxPerPage = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // Materialize once: the same projection is sent with every page.
        var selectList = select?.ToArray();
        string? token = null;
        do
        {
            var page = await QueryPageAsync(filter, selectList, maxPerPage, token, ct).ConfigureAwait(false);
            foreach (var entity in page.Items)
            {
                yield return entity;
            }
            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    /// <summary>
    /// Entity group transaction: all actions (1..100, one PartitionKey) commit or none does.
    /// Returns each action's new ETag (null for deletes); a rejected transaction throws <see cref="TableTransactionFailedException"/>.
    /// </summary>
    public async Task<IReadOnlyList<string?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct = default)
    {
        TableTransactionBatch.Validate(actions);

        var batchBoundary = "batch_" + Guid.NewGuid().ToString("D");
        var changesetBoundary = "changeset_" + Guid.NewGuid().ToString("D");
        using var body = new PooledBufferWriter(512 * actions.Count);
        TableTransactionBatch.WriteBody(body, _tableUrl, actions, batchBoundary, changesetBoundary);

        using var message = CreateMessage(RequestMethod.Post, new Uri(_context.EndpointText + "/$batch"));
        message.Request.Headers.SetValue("Content-Type", "multipart/mixed; boundary=" + batchBoundary);
        message.Request.Content = RequestContent.Create(body.WrittenMemory);
        await _context.Pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 202)
        {
            throw StorageErrors.Create(response, "Table transaction");
        }
        return TableTransactionBatch.ReadResponse(response, actions);
    }

    private async Task<string> SendEntityAsync(RequestMethod method, Uri target, TableEntity entity, string? ifMatch, string operation, CancellationToken ct)
    {
        using var body = new PooledBufferWriter();
        using (var writer = new Utf8JsonWriter(body, WriterOptions))
        {
            TableEntityJson.Write(writer, entity);
        }

        using var message = CreateMessage(method, target);
        var request = message.Request;
        if (ifMatch is not null)
        {
            request.Headers.SetValue("If-Match", ifMatch);
        }
        if (method == RequestMethod.Post)
        {
            // Insert answers 204 + ETag header instead of echoing the entity back.
            request.Headers.SetValue("Prefer", "return-no-content");
        }
        SetJsonContent(request, body);
        await _context.Pipeline.SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status is not (201 or 204))
        {
            throw StorageErrors.Create(response, operation);
        }
        response.Headers.TryGetValue("ETag", out var etag);
        return etag ?? string.Empty;
    }

    private Uri EntityUri(TableEntity entity) => new(_tableUrl + TableKeys.EntitySegment(entity.PartitionKey, entity.RowKey));

    private static RequestMethod MethodFor(TableUpdateMode mode) => mode switch
    {
        // MERGE is the Table service's verb for a partial update (it predates PATCH support).
        TableUpdateMode.Merge => TableHeaders.Merge,
        TableUpdateMode.Replace => RequestMethod.Put,
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    private HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _context.Pipeline.CreateMessage();
        var request = message.Request;
        request.Method = method;
        request.Uri.Reset(uri);
        TableHeaders.Apply(request);
        return message;
    }

    private static void SetJsonContent(Request request, PooledBufferWriter body)
    {
        request.Headers.SetValue("Content-Type", TableHeaders.JsonContentType);
        request.Content = RequestContent.Create(body.WrittenMemory);
    }

    private static void AppendSelect(Request request, IEnumerable<string>? select)
    {
        if (select is null)
        {
            return;
        }
        var joined = string.Join(',', select);
        if (joined.Length > 0)
        {
            request.Uri.AppendQuery("$select", joined, escapeValue: true);
        }
    }
}
