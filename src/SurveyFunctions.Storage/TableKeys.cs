namespace SurveyFunctions.Storage;

/// <summary>Key and table-name validation plus the "(PartitionKey='..',RowKey='..')" URL segment.</summary>
internal static class TableKeys
{
    /// <summary>'/', '\', '#', '?' and control characters are not allowed in PartitionKey/RowKey by the service.</summary>
    public static void Validate(string key, string paramName)
    {
        ArgumentNullException.ThrowIfNull(key, paramName);
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"{paramName} contains a character the Table service does not allow in keys ('/', '\\', '#', '?' or a control character).", paramName);
            }
        }
        if (key.Length > 1024)
        {
            throw new ArgumentException($"{paramName} is longer than the 1 KiB the Table service allows.", paramName);
        }
    }

    /// <summary>
    /// "(PartitionKey='pk',RowKey='rk')" with quotes doubled (OData string literal) and the values percent-encoded,
    /// so spaces, quotes and non-ASCII survive the URL and the signature covers exactly what is sent.
    /// </summary>
    public static string EntitySegment(string partitionKey, string rowKey)
    {
        Validate(partitionKey, nameof(partitionKey));
        Validate(rowKey, nameof(rowKey));
        return string.Concat(
            "(PartitionKey='", Escape(partitionKey), "',RowKey='", Escape(rowKey), "')");
    }

    private static string Escape(string key) =>
        Uri.EscapeDataString(key.Contains('\'', StringComparison.Ordinal) ? key.Replace("'", "''", StringComparison.Ordinal) : key);

    /// <summary>3-63 alphanumeric characters starting with a letter (the service's rule; "tables" is reserved).</summary>
    public static void ValidateTableName(string tableName)
    {
        ArgumentNullException.ThrowIfNull(tableName);
        var ok = tableName.Length is >= 3 and <= 63 && char.IsAsciiLetter(tableName[0]);
        for (var i = 1; ok && i < tableName.Length; i++)
        {
            ok = char.IsAsciiLetterOrDigit(tableName[i]);
        }
        if (!ok || string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"'{tableName}' is not a valid table name (3-63 letters or digits, starting with a letter).", nameof(tableName));
        }
    }
}
