using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace SurveyFunctions.Storage;

/// <summary>
/// Writes and reads the multipart/mixed "$batch" format of entity group transactions:
/// one changeset holding one application/http part per action, answered by one part per action on success
/// or a single part for the failing action (its error message prefixed with the zero-based action index, "37:...").
/// </summary>
internal static class TableTransactionBatch
{
    public const int MaxActions = 100;

    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Validates before any request is made: 1..100 actions, all in one partition, valid keys.</summary>
    public static void Validate(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxActions)
        {
            throw new ArgumentException($"A transaction holds 1 to {MaxActions} actions; got {actions.Count}.", nameof(actions));
        }
        string? partitionKey = null;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"Action {i} is null.", nameof(actions));
            if (action.Entity is null)
            {
                throw new ArgumentException($"Action {i} has no entity.", nameof(actions));
            }
            if (!Enum.IsDefined(action.ActionType))
            {
                throw new ArgumentException($"Action {i} has an unknown type {action.ActionType}.", nameof(actions));
            }
            var pk = action.Entity.PartitionKey;
            TableKeys.Validate(pk, "PartitionKey");
            TableKeys.Validate(action.Entity.RowKey, "RowKey");
            if (partitionKey is null)
            {
                partitionKey = pk;
            }
            else if (!string.Equals(partitionKey, pk, StringComparison.Ordinal))
            {
                throw new ArgumentException($"All actions of a transaction must share one PartitionKey; action {i} has a different one than action 0.", nameof(actions));
            }
            if (action.ActionType is TableTransactionActionType.UpdateMerge or TableTransactionActionType.UpdateReplace or TableTransactionActionType.Delete &&
                string.IsNullOrEmpty(action.IfMatch))
            {
                throw new ArgumentException($"Action {i} ({action.ActionType}) needs an IfMatch ETag or \"*\".", nameof(actions));
            }
        }
    }

    public static void WriteBody(PooledBufferWriter buffer, string tableUrl, IReadOnlyList<TableTransactionAction> actions, string batchBoundary, string changesetBoundary)
    {
        Ascii(buffer, "--" + batchBoundary + "\r\n");
        Ascii(buffer, "Content-Type: multipart/mixed; boundary=" + changesetBoundary + "\r\n\r\n");

        using var json = new Utf8JsonWriter(buffer);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var (method, hasBody, ifMatch) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", true, null),
                TableTransactionActionType.UpsertMerge => ("MERGE", true, null),
                TableTransactionActionType.UpsertReplace => ("PUT", true, null),
                TableTransactionActionType.UpdateMerge => ("MERGE", true, action.IfMatch),
                TableTransactionActionType.UpdateReplace => ("PUT", true, action.IfMatch),
                TableTransactionActionType.Delete => ("DELETE", false, action.IfMatch),
                _ => throw new ArgumentOutOfRangeException(nameof(actions)),
            };
            var url = action.ActionType == TableTransactionActionType.Add
                ? tableUrl
                : tableUrl + TableKeys.EntitySegment(entity.PartitionKey, entity.RowKey);

            var sb = new StringBuilder(256);
            sb.Append("--").Append(changesetBoundary).Append("\r\n")
              .Append("Content-Type: application/http\r\n")
              .Append("Content-Transfer-Encoding: binary\r\n")
              .Append("Content-ID: ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n")
              .Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n")
              .Append("Accept: application/json;odata=minimalmetadata\r\n")
              .Append("DataServiceVersion: 3.0\r\n");
            if (ifMatch is not null)
            {
                sb.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }
            if (hasBody)
            {
                sb.Append("Content-Type: application/json\r\n");
                if (action.ActionType == TableTransactionActionType.Add)
                {
                    sb.Append("Prefer: return-no-content\r\n");
                }
            }
            sb.Append("\r\n");
            Ascii(buffer, sb.ToString());
            if (hasBody)
            {
                // Compact (single-line) JSON: Azurite's batch parser finds the body with a single-line pattern.
                json.Reset(buffer);
                TableEntityJson.Write(json, entity);
                json.Flush();
                Ascii(buffer, "\r\n");
            }
        }
        Ascii(buffer, "--" + changesetBoundary + "--\r\n");
        Ascii(buffer, "--" + batchBoundary + "--\r\n");
    }

    private static void Ascii(PooledBufferWriter buffer, string text)
    {
        var span = buffer.GetSpan(Utf8.GetMaxByteCount(text.Length));
        buffer.Advance(Utf8.GetBytes(text, span));
    }

    /// <summary>Parses a 202 batch response; returns per-action ETags or throws <see cref="TableTransactionFailedException"/>.</summary>
    public static IReadOnlyList<string?> ReadResponse(Response response, IReadOnlyList<TableTransactionAction> actions)
    {
        var text = response.Content.ToString();
        var parts = SplitParts(text);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.Status is >= 200 and < 300)
            {
                continue;
            }
            var (code, message) = StorageErrors.ParseBody(Utf8.GetBytes(part.Body));
            var index = IndexFromMessage(message, out var messageWithoutIndex);
            if (index < 0 && part.ContentId is { } contentId)
            {
                index = contentId - 1;
            }
            if (index < 0 && (parts.Count == actions.Count || actions.Count == 1))
            {
                index = actions.Count == 1 ? 0 : i;
            }
            var described = StorageErrors.Describe(part.Status, part.Reason, code,
                messageWithoutIndex, string.Create(CultureInfo.InvariantCulture, $"Table transaction (action {index} of {actions.Count})"));
            throw new TableTransactionFailedException(part.Status, described, code, index);
        }

        if (parts.Count != actions.Count)
        {
            throw new TableTransactionFailedException(response.Status,
                string.Create(CultureInfo.InvariantCulture, $"Table transaction returned {parts.Count} results for {actions.Count} actions."), null, -1);
        }

        var etags = new string?[actions.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            etags[i] = actions[i].ActionType == TableTransactionActionType.Delete ? null : parts[i].ETag;
        }
        return etags;
    }

    // "37:The specified entity already exists..." -> 37 (the prefix is how the service names the failing action).
    private static int IndexFromMessage(string? message, out string? rest)
    {
        rest = message;
        if (message is null)
        {
            return -1;
        }
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            rest = message[(colon + 1)..];
            return index;
        }
        return -1;
    }

    internal readonly record struct Part(int Status, string? Reason, string? ETag, int? ContentId, string Body);

    /// <summary>Finds every embedded "HTTP/1.1 nnn" response, in order, with its headers and body.</summary>
    internal static List<Part> SplitParts(string text)
    {
        var parts = new List<Part>();
        var boundary = FindChangesetBoundary(text);
        IEnumerable<string> segments = boundary is null ? [text] : text.Split("--" + boundary, StringSplitOptions.None);
        foreach (var segment in segments)
        {
            var http = segment.IndexOf("HTTP/1.1 ", StringComparison.Ordinal);
            if (http < 0)
            {
                continue;
            }
            var lineEnd = segment.IndexOf('\n', http);
            if (lineEnd < 0)
            {
                lineEnd = segment.Length;
            }
            var statusLine = segment[(http + "HTTP/1.1 ".Length)..lineEnd].TrimEnd('\r');
            var space = statusLine.IndexOf(' ', StringComparison.Ordinal);
            var statusText = space < 0 ? statusLine : statusLine[..space];
            if (!int.TryParse(statusText, NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                continue;
            }
            var reason = space < 0 ? null : statusLine[(space + 1)..];

            string? etag = null;
            int? contentId = null;
            var pos = Math.Min(lineEnd + 1, segment.Length);
            while (pos < segment.Length)
            {
                var next = segment.IndexOf('\n', pos);
                if (next < 0)
                {
                    next = segment.Length;
                }
                var line = segment[pos..next].TrimEnd('\r');
                pos = Math.Min(next + 1, segment.Length);
                if (line.Length == 0)
                {
                    break;
                }
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }
                var name = line[..colon].Trim();
                var value = line[(colon + 1)..].Trim();
                if (name.Equals("ETag", StringComparison.OrdinalIgnoreCase))
                {
                    etag = value;
                }
                else if (name.Equals("Content-ID", StringComparison.OrdinalIgnoreCase) &&
                         int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    contentId = id;
                }
            }
            var body = segment[pos..].Trim();
            parts.Add(new Part(status, reason, etag, contentId, body));
        }
        return parts;
    }

    private static string? FindChangesetBoundary(string text)
    {
        const string Marker = "boundary=";
        var search = 0;
        while (true)
        {
            var at = text.IndexOf(Marker, search, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return null;
            }
            var start = at + Marker.Length;
            var end = start;
            while (end < text.Length && text[end] is not ('\r' or '\n' or ';' or ' ' or '"'))
            {
                end++;
            }
            var boundary = text[start..end];
            if (boundary.StartsWith("changesetresponse", StringComparison.OrdinalIgnoreCase))
            {
                return boundary;
            }
            search = end;
        }
    }
}
