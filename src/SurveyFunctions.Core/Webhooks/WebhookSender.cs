using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>What one POST to an endpoint came to: a status (null when none came back), or what went wrong.</summary>
public sealed record WebhookSendResult(int? StatusCode, string? Error, long LatencyMs, string? Reply, TimeSpan? RetryAfter);

/// <summary>
/// Sends one signed delivery (<see cref="WebhookSigner"/>) and reads at most <see cref="MaxReplyBytes"/> of the reply,
/// all within the attempt's timeout. A body over <see cref="MaxBodyBytes"/> is not sent.
/// </summary>
public sealed class WebhookSender(WebhookHttp http, WebhookTargets targets, TimeProvider time, IOptions<SurveyFunctionsOptions> options)
{
    public const int MaxReplyBytes = 1024;
    public const int MaxBodyBytes = 1024 * 1024;
    public const string UserAgent = "SurveyFunctions-Webhooks/1.0";

    public async Task<WebhookSendResult> SendAsync(string url, string webhookId, string body, IEnumerable<string> secrets, CancellationToken ct)
    {
        var target = targets.Check(url);
        if (!target.IsSuccess)
            return new(null, target.Error.Message, 0, null, null);
        if (Encoding.UTF8.GetByteCount(body) > MaxBodyBytes)
            return new(null, $"The event is larger than the {MaxBodyBytes} bytes a delivery may carry.", 0, null, null);

        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Value)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("webhook-id", webhookId);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSigner.Sign(secrets, webhookId, timestamp, body));
        request.Headers.UserAgent.ParseAdd(UserAgent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds));
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var reply = await ReadStartAsync(response, timeout.Token).ConfigureAwait(false);
            return new((int)response.StatusCode, null, clock.ElapsedMilliseconds, reply,
                WebhookRetryPolicy.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(null, $"Timed out after {options.Value.WebhookTimeoutSeconds} s.", clock.ElapsedMilliseconds, null, null);
        }
        catch (HttpRequestException ex)
        {
            var refused = ex.InnerException as WebhookTargetRefusedException;
            return new(null, refused?.Message ?? "Connection failed: " + ex.Message, clock.ElapsedMilliseconds, null, null);
        }
    }

    /// <summary>The reply's first bytes as text, at most <see cref="WebhookAttempt.MaxReplyChars"/> characters; the rest is not read.</summary>
    private static async Task<string?> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var buffer = new byte[MaxReplyBytes];
        var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false)) > 0)
            read += n;
        if (read == 0)
            return null;
        var text = Encoding.UTF8.GetString(buffer, 0, read);
        return text.Length > WebhookAttempt.MaxReplyChars ? text[..WebhookAttempt.MaxReplyChars] : text;
    }
}
