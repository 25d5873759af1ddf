using System.Globalization;
using System.Text.Json;
using System.Xml;
using Azure;
using Azure.Core;

namespace SurveyFunctions.Storage;

/// <summary>Turns a failed response into a <see cref="RequestFailedException"/> with the service's error code.</summary>
internal static class StorageErrors
{
    public const string ErrorCodeHeader = "x-ms-error-code";

    public static RequestFailedException Create(Response response, string operation)
    {
        var (code, message) = Parse(response);
        return new RequestFailedException(response.Status, Describe(response.Status, response.ReasonPhrase, code, message, operation), code, null);
    }

    internal static string Describe(int status, string? reason, string? code, string? message, string operation)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{operation} failed. Status: {status} ({reason})");
        if (code is not null)
        {
            text += " ErrorCode: " + code;
        }
        if (!string.IsNullOrWhiteSpace(message))
        {
            text += " Message: " + message;
        }
        return text;
    }

    /// <summary>Error code from the x-ms-error-code header, else from the JSON (tables) or XML (queues) body.</summary>
    public static (string? Code, string? Message) Parse(Response response)
    {
        response.Headers.TryGetValue(ErrorCodeHeader, out var headerCode);
        var content = response.Content;
        if (content is null || content.ToMemory().IsEmpty)
        {
            return (headerCode, null);
        }
        var (bodyCode, bodyMessage) = ParseBody(content.ToMemory());
        return (string.IsNullOrEmpty(headerCode) ? bodyCode : headerCode, bodyMessage);
    }

    public static (string? Code, string? Message) ParseBody(ReadOnlyMemory<byte> body)
    {
        var span = body.Span.TrimStart(" \t\r\n\uFEFF"u8);
        if (span.IsEmpty)
        {
            return (null, null);
        }
        try
        {
            return span[0] == (byte)'{' ? ParseJson(body) : span[0] == (byte)'<' ? ParseXml(body) : (null, null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    // {"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"..."}}}
    // (also tolerates the OData v4 / ARM shape {"error":{"code":..,"message":".."}})
    internal static (string? Code, string? Message) ParseJson(ReadOnlyMemory<byte> body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, null);
        }
        if (!root.TryGetProperty("odata.error", out var error) && !root.TryGetProperty("error", out error))
        {
            return (null, null);
        }
        string? code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        string? message = null;
        if (error.TryGetProperty("message", out var m))
        {
            message = m.ValueKind switch
            {
                JsonValueKind.String => m.GetString(),
                JsonValueKind.Object when m.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String => v.GetString(),
                _ => null,
            };
        }
        return (code, message);
    }

    // <?xml ...?><Error><Code>QueueNotFound</Code><Message>...</Message></Error>
    private static (string? Code, string? Message) ParseXml(ReadOnlyMemory<byte> body)
    {
        string? code = null, message = null;
        using var stream = new MemoryStream(body.ToArray(), writable: false);
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        reader.MoveToContent();
        while (!reader.EOF)
        {
            // ReadElementContentAsString already advances to the next node, so only Read() when nothing was consumed.
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "Code")
            {
                code = reader.ReadElementContentAsString();
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1 && reader.LocalName == "Message")
            {
                message = reader.ReadElementContentAsString();
            }
            else
            {
                reader.Read();
            }
        }
        return (code, message);
    }
}
