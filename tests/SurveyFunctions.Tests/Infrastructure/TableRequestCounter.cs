using Azure.Core;
using Azure.Core.Pipeline;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// A storage pipeline policy that counts the requests made to one table (its entities, e.g. <c>/apikeys(PartitionKey=…)</c>),
/// so a test can show that a refused request read nothing.
/// </summary>
public sealed class TableRequestCounter(string table) : HttpPipelinePolicy
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        CountIfForTable(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        CountIfForTable(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void CountIfForTable(HttpMessage message)
    {
        // Azurite's paths are /{account}/{table}(…) for entities; the last segment names the table.
        var path = message.Request.Uri.Path;
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last.StartsWith(table + "(", StringComparison.OrdinalIgnoreCase) || last.Equals(table, StringComparison.OrdinalIgnoreCase))
            Interlocked.Increment(ref _count);
    }
}
