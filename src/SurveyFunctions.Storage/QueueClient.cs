using System.Globalization;
using Azure;
using Azure.Core;

namespace SurveyFunctions.Storage;

/// <summary>Operations on one queue. Thread-safe; cheap to create from <see cref="QueueServiceClient"/>.</summary>
public sealed class QueueClient
{
    private const string XmlPrefix = "<?xml version=\"1.0\" encoding=\"utf-8\"?><QueueMessage><MessageText>";
    private const string XmlSuffix = "</MessageText></QueueMessage>";
    private static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    private readonly ServiceRequestContext _context;
    private readonly Uri _queueUri;
    private readonly Uri _messagesUri;
    private readonly string _messagesUrl;

    internal QueueClient(ServiceRequestContext context, string queueName)
    {
        ValidateQueueName(queueName);
        _context = context;
        Name = queueName;
        _queueUri = new Uri(context.EndpointText + "/" + queueName);
        _messagesUrl = context.EndpointText + "/" + queueName + "/messages";
        _messagesUri = new Uri(_messagesUrl);
    }

    public string Name { get; }

    /// <summary>Creates the queue; an existing one (204, or 409 QueueAlreadyExists) is success.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Put, _queueUri);
        await SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status is 201 or 204)
        {
            return;
        }
        if (response.Status == 409 && StorageErrors.Parse(response).Code is null or "QueueAlreadyExists")
        {
            return;
        }
        throw StorageErrors.Create(response, "Create queue '" + Name + "'");
    }

    /// <summary>
    /// Enqueues <paramref name="messageText"/> as base64(UTF-8). At most 64 KiB after encoding.
    /// <paramref name="timeToLive"/>: null = service default (7 days), <see cref="Timeout.InfiniteTimeSpan"/> = never expires.
    /// </summary>
    public async Task<SendReceipt> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        var encoded = QueueMessageCodec.Encode(messageText);
        if (encoded.Length > QueueMessageCodec.MaxEncodedLength)
        {
            throw new ArgumentException($"The message is {encoded.Length} bytes after base64 encoding; the Queue service allows {QueueMessageCodec.MaxEncodedLength}.", nameof(messageText));
        }

        using var message = CreateMessage(RequestMethod.Post, _messagesUri);
        if (visibilityTimeout is { } vt)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(vt, nameof(visibilityTimeout), allowZero: true), escapeValue: false);
        }
        if (timeToLive is { } ttl)
        {
            message.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl, nameof(timeToLive), allowZero: false, max: TimeSpan.MaxValue), escapeValue: false);
        }
        SetXmlBody(message.Request, encoded);
        await SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 201)
        {
            throw StorageErrors.Create(response, "Send message");
        }
        var list = QueueXml.ReadMessages(response.Content.ToStream());
        if (list.Count != 1 || list[0].MessageId is null || list[0].PopReceipt is null || list[0].TimeNextVisible is null)
        {
            throw new RequestFailedException(response.Status, "Send message: the service's response did not describe the message.", null, null);
        }
        var m = list[0];
        return new SendReceipt(m.MessageId!, m.PopReceipt!, m.InsertionTime, m.TimeNextVisible!.Value);
    }

    /// <summary>Dequeues up to <paramref name="maxMessages"/> (1..32), hiding them for <paramref name="visibilityTimeout"/> (service default 30 s).</summary>
    public async Task<IReadOnlyList<QueueMessage>> ReceiveMessagesAsync(int maxMessages = 32, TimeSpan? visibilityTimeout = null, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = CreateMessage(RequestMethod.Get, _messagesUri);
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture), escapeValue: false);
        if (visibilityTimeout is { } vt)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(vt, nameof(visibilityTimeout), allowZero: false), escapeValue: false);
        }
        await SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw StorageErrors.Create(response, "Receive messages");
        }
        var raw = QueueXml.ReadMessages(response.Content.ToStream());
        var result = new QueueMessage[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            var m = raw[i];
            result[i] = new QueueMessage(m.MessageId ?? string.Empty, m.PopReceipt ?? string.Empty,
                QueueMessageCodec.Decode(m.MessageText ?? string.Empty), m.DequeueCount, m.InsertionTime, m.TimeNextVisible);
        }
        return result;
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> (1..32) visible messages without dequeuing them.</summary>
    public async Task<IReadOnlyList<PeekedMessage>> PeekMessagesAsync(int maxMessages = 32, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        using var message = CreateMessage(RequestMethod.Get, _messagesUri);
        message.Request.Uri.AppendQuery("peekonly", "true", escapeValue: false);
        message.Request.Uri.AppendQuery("numofmessages", maxMessages.ToString(CultureInfo.InvariantCulture), escapeValue: false);
        await SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw StorageErrors.Create(response, "Peek messages");
        }
        var raw = QueueXml.ReadMessages(response.Content.ToStream());
        var result = new PeekedMessage[raw.Count];
        for (var i = 0; i < raw.Count; i++)
        {
            var m = raw[i];
            result[i] = new PeekedMessage(m.MessageId ?? string.Empty, QueueMessageCodec.Decode(m.MessageText ?? string.Empty), m.DequeueCount, m.InsertionTime);
        }
        return result;
    }

    /// <summary>Deletes a received message. Already gone (404) is success: deletes are retried and may race with expiry.</summary>
    public async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = CreateMessage(RequestMethod.Delete, MessageUri(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        await SendAsync(message, ct).ConfigureAwait(false);
        if (message.Response.Status is 204 or 200 or 404)
        {
            return;
        }
        throw StorageErrors.Create(message.Response, "Delete message");
    }

    /// <summary>Changes a received message's visibility (and optionally its text); returns the new pop receipt.</summary>
    public async Task<string> UpdateMessageAsync(string messageId, string popReceipt, TimeSpan visibilityTimeout, string? messageText = null, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        string? encoded = null;
        if (messageText is not null)
        {
            encoded = QueueMessageCodec.Encode(messageText);
            if (encoded.Length > QueueMessageCodec.MaxEncodedLength)
            {
                throw new ArgumentException($"The message is {encoded.Length} bytes after base64 encoding; the Queue service allows {QueueMessageCodec.MaxEncodedLength}.", nameof(messageText));
            }
        }

        using var message = CreateMessage(RequestMethod.Put, MessageUri(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt, escapeValue: true);
        message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout, nameof(visibilityTimeout), allowZero: true), escapeValue: false);
        if (encoded is not null)
        {
            SetXmlBody(message.Request, encoded);
        }
        await SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 204)
        {
            throw StorageErrors.Create(response, "Update message");
        }
        if (!response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt) || string.IsNullOrEmpty(newReceipt))
        {
            throw new RequestFailedException(response.Status, "Update message: the service did not return a new pop receipt.", null, null);
        }
        return newReceipt;
    }

    /// <summary>The service's approximate count (includes invisible messages).</summary>
    public async Task<int> GetApproximateMessageCountAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Get, _queueUri);
        message.Request.Uri.AppendQuery("comp", "metadata", escapeValue: false);
        await SendAsync(message, ct).ConfigureAwait(false);
        var response = message.Response;
        if (response.Status != 200)
        {
            throw StorageErrors.Create(response, "Get queue properties");
        }
        if (!response.Headers.TryGetValue("x-ms-approximate-messages-count", out var text) ||
            !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new RequestFailedException(response.Status, "Get queue properties: no x-ms-approximate-messages-count header.", null, null);
        }
        return count;
    }

    /// <summary>Deletes every message in the queue.</summary>
    public async Task ClearMessagesAsync(CancellationToken ct = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, _messagesUri);
        await SendAsync(message, ct).ConfigureAwait(false);
        if (message.Response.Status != 204)
        {
            throw StorageErrors.Create(message.Response, "Clear messages");
        }
    }

    private Uri MessageUri(string messageId) => new(_messagesUrl + "/" + Uri.EscapeDataString(messageId));

    private HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = _context.Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        QueueHeaders.Apply(message.Request);
        return message;
    }

    private ValueTask SendAsync(HttpMessage message, CancellationToken ct) => _context.Pipeline.SendAsync(message, ct);

    private static void SetXmlBody(Request request, string encodedText)
    {
        // base64 needs no XML escaping, so plain concatenation is a well-formed document.
        request.Headers.SetValue("Content-Type", "application/xml; charset=utf-8");
        request.Content = RequestContent.Create(System.Text.Encoding.UTF8.GetBytes(string.Concat(XmlPrefix, encodedText, XmlSuffix)));
    }

    private static string Seconds(TimeSpan value, string paramName, bool allowZero, TimeSpan? max = null)
    {
        var limit = max ?? MaxVisibilityTimeout;
        if (value < TimeSpan.Zero || (!allowZero && value < TimeSpan.FromSeconds(1)) || value > limit)
        {
            throw new ArgumentOutOfRangeException(paramName, value, allowZero ? "Must be between 0 seconds and 7 days." : "Must be at least 1 second (and at most 7 days for visibility).");
        }
        // The service takes whole seconds; round up so a requested delay is never shortened.
        var seconds = (long)Math.Ceiling(value.TotalSeconds);
        return seconds.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>3-63 chars of lowercase letters, digits and single hyphens, starting and ending with a letter or digit.</summary>
    internal static void ValidateQueueName(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        var ok = queueName.Length is >= 3 and <= 63 && queueName[0] != '-' && queueName[^1] != '-';
        for (var i = 0; ok && i < queueName.Length; i++)
        {
            var c = queueName[i];
            ok = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || (c == '-' && queueName[i - 1] != '-');
        }
        if (!ok)
        {
            throw new ArgumentException($"'{queueName}' is not a valid queue name (3-63 lowercase letters, digits or single hyphens, not starting or ending with a hyphen).", nameof(queueName));
        }
    }
}
