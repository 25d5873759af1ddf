using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Queues;

namespace SurveyFunctions.TestSupport;

/// <summary>What one storage request is, as Azure bills and throttles it.</summary>
public enum StorageRequestKind
{
    /// <summary>An entity group transaction (<c>POST /$batch</c>): one request however many rows it carries.</summary>
    Batch,

    /// <summary>A single entity by PartitionKey and RowKey.</summary>
    PointRead,

    /// <summary>An insert, update, merge, upsert or delete of one entity.</summary>
    PointWrite,

    /// <summary>A query (<c>$filter</c>), one request per page.</summary>
    Query,
    QueuePut,
    QueueGet,
    QueueDelete,

    /// <summary>Anything else: creating tables and queues, queue metadata, message updates.</summary>
    Other,
}

/// <summary>
/// Counts a host's storage requests by kind and by table or queue, as a pipeline policy on the SDK clients' options
/// (<see cref="Attach"/>), once per attempt: a retried request is billed again. The benchmark reads it per accepted vote and
/// per finished session; a test reads one table's count to show that a request read nothing there.
/// </summary>
public sealed class StorageRequestCounter
{
    private readonly ConcurrentDictionary<(string Resource, StorageRequestKind Kind), long> _counts = new();

    /// <summary>Adds the counting policy to one client's options; for the <c>configure</c> callback of StorageClients.</summary>
    public void Attach(ClientOptions options) =>
        options.AddPolicy(new Tap(this, options is QueueClientOptions), HttpPipelinePosition.PerRetry);

    /// <summary>Requests so far, per table or queue and kind.</summary>
    public IReadOnlyDictionary<(string Resource, StorageRequestKind Kind), long> Snapshot() => new Dictionary<(string, StorageRequestKind), long>(_counts);

    /// <summary>Requests so far to one table or queue (any kind).</summary>
    public long For(string resource) =>
        _counts.Where(c => string.Equals(c.Key.Resource, resource, StringComparison.OrdinalIgnoreCase)).Sum(c => c.Value);

    /// <summary>What happened between two snapshots, per table or queue and kind (kinds that did not happen are left out).</summary>
    public static Dictionary<(string Resource, StorageRequestKind Kind), long> Between(
        IReadOnlyDictionary<(string Resource, StorageRequestKind Kind), long> before, IReadOnlyDictionary<(string Resource, StorageRequestKind Kind), long> after) =>
        after.Select(a => (a.Key, Count: a.Value - before.GetValueOrDefault(a.Key))).Where(a => a.Count != 0).ToDictionary(a => a.Key, a => a.Count);

    /// <summary>Classifies a request by its path and method (the REST APIs of Table and Queue Storage, Azurite's and Azure's alike).</summary>
    public static (string Resource, StorageRequestKind Kind) Classify(bool queue, string method, string path)
    {
        // Azurite puts the account first (/devstoreaccount1/…); Azure puts it in the host name. The last segment decides.
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var last = segments.Length == 0 ? "" : Uri.UnescapeDataString(segments[^1]);
        if (queue)
        {
            var messages = Array.FindLastIndex(segments, s => s.Equals("messages", StringComparison.OrdinalIgnoreCase));
            if (messages < 1)
                return (last, StorageRequestKind.Other);
            var name = segments[messages - 1];
            var onMessage = messages < segments.Length - 1;
            return (name, method switch
            {
                "POST" => StorageRequestKind.QueuePut,
                "GET" when !onMessage => StorageRequestKind.QueueGet,
                "DELETE" when onMessage => StorageRequestKind.QueueDelete,
                _ => StorageRequestKind.Other,
            });
        }
        if (last == "$batch")
            return ("$batch", StorageRequestKind.Batch);
        var paren = last.IndexOf('(', StringComparison.Ordinal);
        var table = paren < 0 ? last : last[..paren];
        if (table.Equals("Tables", StringComparison.OrdinalIgnoreCase))
            return (table, StorageRequestKind.Other);
        var keyed = paren >= 0 && last.Contains("PartitionKey", StringComparison.Ordinal);
        return (table, (method, keyed) switch
        {
            ("GET", true) => StorageRequestKind.PointRead,
            ("GET", false) => StorageRequestKind.Query,
            ("POST", false) => StorageRequestKind.PointWrite,
            (_, true) => StorageRequestKind.PointWrite,
            _ => StorageRequestKind.Other,
        });
    }

    private void Count(bool queue, Request request)
    {
        var key = Classify(queue, request.Method.Method, request.Uri.Path);
        _counts.AddOrUpdate(key, 1, (_, n) => n + 1);
    }

    private sealed class Tap(StorageRequestCounter counter, bool queue) : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(queue, message.Request);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            counter.Count(queue, message.Request);
            return ProcessNextAsync(message, pipeline);
        }
    }
}
