using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.EventLog;

/// <summary>
/// An event as a table row, the same in the log and in a changed row's partition (<see cref="EventOutbox"/>). The body is
/// JSON split over <c>Data</c>, <c>Data1</c>, … because a string property holds at most 64 KiB (a response with long text
/// answers can be larger; a row holds 1 MiB).
/// </summary>
internal static class EventRows
{
    // UTF-16 characters: 30,000 of them are under the 64 KiB a property may hold.
    private const int ChunkChars = 30_000;

    public static TableEntity ToEntity(string partitionKey, string rowKey, DomainEvent e)
    {
        var row = new TableEntity(partitionKey, rowKey)
        {
            ["EventId"] = e.Id,
            ["Type"] = e.Type,
            ["Key"] = e.Key,
            ["TenantId"] = e.TenantId,
            ["OccurredAt"] = e.OccurredAt,
            ["Resource"] = e.Resource.ToJsonString(),
        };
        var data = e.Data.ToJsonString();
        for (int i = 0, start = 0; start < data.Length || i == 0; i++, start += ChunkChars)
            row[i == 0 ? "Data" : "Data" + i] = data.Substring(start, Math.Min(ChunkChars, data.Length - start));
        return row;
    }

    public static DomainEvent FromEntity(TableEntity row)
    {
        var data = new StringBuilder(row.GetString("Data"));
        for (var i = 1; row.GetString("Data" + i) is { } more; i++)
            data.Append(more);
        return new DomainEvent
        {
            Key = row.GetString("Key") ?? "",
            Type = row.GetString("Type") ?? "",
            TenantId = row.GetString("TenantId") ?? "",
            OccurredAt = row.GetDateTimeOffset("OccurredAt") ?? DateTimeOffset.MinValue,
            Resource = JsonNode.Parse(row.GetString("Resource") ?? "{}")!.AsObject(),
            Data = JsonNode.Parse(data.ToString())!.AsObject(),
        };
    }
}
