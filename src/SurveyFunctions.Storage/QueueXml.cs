using System.Globalization;
using System.Xml;

namespace SurveyFunctions.Storage;

/// <summary>Reads the QueueMessagesList XML the Queue service returns for put/get/peek.</summary>
internal static class QueueXml
{
    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
    };

    internal sealed class RawMessage
    {
        public string? MessageId;
        public string? PopReceipt;
        public string? MessageText;
        public long DequeueCount;
        public DateTimeOffset InsertionTime;
        public DateTimeOffset? TimeNextVisible;
    }

    public static List<RawMessage> ReadMessages(Stream stream)
    {
        var result = new List<RawMessage>();
        using var reader = XmlReader.Create(stream, ReaderSettings);
        reader.MoveToContent();
        RawMessage? current = null;
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "QueueMessage":
                        current = new RawMessage();
                        result.Add(current);
                        reader.Read();
                        continue;
                    case "MessageId" when current is not null:
                        current.MessageId = reader.ReadElementContentAsString();
                        continue;
                    case "PopReceipt" when current is not null:
                        current.PopReceipt = reader.ReadElementContentAsString();
                        continue;
                    case "MessageText" when current is not null:
                        current.MessageText = reader.ReadElementContentAsString();
                        continue;
                    case "DequeueCount" when current is not null:
                        current.DequeueCount = long.Parse(reader.ReadElementContentAsString(), NumberStyles.Integer, CultureInfo.InvariantCulture);
                        continue;
                    case "InsertionTime" when current is not null:
                        current.InsertionTime = ParseDate(reader.ReadElementContentAsString());
                        continue;
                    case "TimeNextVisible" when current is not null:
                        current.TimeNextVisible = ParseDate(reader.ReadElementContentAsString());
                        continue;
                }
            }
            reader.Read();
        }
        return result;
    }

    /// <summary>RFC 1123 ("Fri, 09 Oct 2009 21:04:30 GMT") as used in queue bodies and headers.</summary>
    public static DateTimeOffset ParseDate(string text) =>
        DateTimeOffset.ParseExact(text.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
