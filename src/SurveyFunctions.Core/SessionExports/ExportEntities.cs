using Azure.Data.Tables;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>An <see cref="ExportRecord"/> as its table row (<see cref="ExportStore"/>) and back.</summary>
internal static class ExportEntities
{
    public static TableEntity ToEntity(ExportRecord export)
    {
        var row = new TableEntity(export.TenantId, export.Id)
        {
            ["SurveyUuid"] = export.SurveyUuid,
            ["Format"] = export.Format.ToWire(),
            ["AsOf"] = export.Window.AsOf,
            ["IncludePartial"] = export.Window.IncludePartial,
            ["ByteOrderMark"] = export.ByteOrderMark,
            ["Status"] = export.Status.ToString(),
            ["RowsWritten"] = export.RowsWritten,
            ["Bytes"] = export.Bytes,
            ["Blocks"] = export.Blocks,
            ["LastSessionId"] = export.LastSessionId,
            ["CreatedAt"] = export.CreatedAt,
        };
        Optional(row, "Since", export.Window.Since);
        Optional(row, "RowsExpected", export.RowsExpected);
        Optional(row, "CompletedAt", export.CompletedAt);
        Optional(row, "ExpiresAt", export.ExpiresAt);
        Optional(row, "Error", export.Error);
        return row;
    }

    public static ExportRecord ToRecord(TableEntity row) => new()
    {
        TenantId = row.PartitionKey,
        Id = row.RowKey,
        SurveyUuid = row.GetString("SurveyUuid") ?? "",
        Format = ExportFormats.Parse(row.GetString("Format")) ?? ExportFormat.Csv,
        Window = new ExportWindow(row.GetDateTimeOffset("AsOf") ?? default, row.GetDateTimeOffset("Since"),
            row.GetBoolean("IncludePartial") ?? false),
        ByteOrderMark = row.GetBoolean("ByteOrderMark") ?? false,
        Status = Enum.TryParse<ExportStatus>(row.GetString("Status"), out var status) ? status : ExportStatus.Queued,
        RowsExpected = row.GetInt64("RowsExpected"),
        RowsWritten = row.GetInt64("RowsWritten") ?? 0,
        Bytes = row.GetInt64("Bytes") ?? 0,
        Blocks = row.GetInt32("Blocks") ?? 0,
        LastSessionId = row.GetInt64("LastSessionId") ?? 0,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        CompletedAt = row.GetDateTimeOffset("CompletedAt"),
        ExpiresAt = row.GetDateTimeOffset("ExpiresAt"),
        Error = row.GetString("Error"),
        ETag = row.ETag.ToString(),
    };

    private static void Optional(TableEntity row, string name, object? value)
    {
        if (value is not null)
            row[name] = value;
    }
}
