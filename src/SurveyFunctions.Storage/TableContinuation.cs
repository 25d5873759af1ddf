using System.Buffers.Text;
using System.Text;

namespace SurveyFunctions.Storage;

/// <summary>
/// Packs the service's two continuation headers (NextPartitionKey, NextRowKey) into one opaque, URL-safe token:
/// base64url(UTF-8("nextPartitionKey\nnextRowKey")). The service's values never contain '\n'.
/// </summary>
internal static class TableContinuation
{
    public const string NextPartitionKeyHeader = "x-ms-continuation-NextPartitionKey";
    public const string NextRowKeyHeader = "x-ms-continuation-NextRowKey";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? Encode(string? nextPartitionKey, string? nextRowKey)
    {
        if (string.IsNullOrEmpty(nextPartitionKey) && string.IsNullOrEmpty(nextRowKey))
        {
            return null;
        }
        var bytes = Encoding.UTF8.GetBytes(string.Concat(nextPartitionKey, "\n", nextRowKey));
        return Base64Url.EncodeToString(bytes);
    }

    public static (string NextPartitionKey, string? NextRowKey) Decode(string continuationToken)
    {
        const string Malformed = "The continuation token is malformed; pass back exactly what TablePage.ContinuationToken returned.";
        byte[] bytes;
        string text;
        try
        {
            bytes = Base64Url.DecodeFromChars(continuationToken);
            text = StrictUtf8.GetString(bytes);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException(Malformed, nameof(continuationToken), ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ArgumentException(Malformed, nameof(continuationToken), ex);
        }
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0 || text.IndexOf('\n', newline + 1) >= 0 || newline == 0 && text.Length == 1)
        {
            throw new ArgumentException(Malformed, nameof(continuationToken));
        }
        var rowKey = text[(newline + 1)..];
        return (text[..newline], rowKey.Length == 0 ? null : rowKey);
    }
}
