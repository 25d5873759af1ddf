using System.Buffers;
using System.Diagnostics;

namespace SurveyFunctions.Bench;

/// <summary>
/// One export file read over HTTP as it arrives, never held: the time until the headers and until the first byte of the body,
/// its bytes, and its rows counted on the fly (CSV: records outside quotes, less the header row; NDJSON: lines).
/// </summary>
internal static class ExportDownload
{
    /// <param name="TimedOut">The phase's time ran out before the file ended: the figures are for what arrived until then.</param>
    public sealed record Result(double HeadersMs, double? FirstByteMs, double Seconds, long Bytes, long Rows, string? AsOf, bool TimedOut);

    public static async Task<Result> ReadAsync(HttpClient http, Uri uri, string apiKey, bool csv, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.Add("X-API-Key", apiKey);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var headersMs = clock.Elapsed.TotalMilliseconds;
        var asOf = response.Headers.TryGetValues("X-Export-As-Of", out var values) ? values.FirstOrDefault() : null;
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            throw new InvalidOperationException($"GET {uri}: {(int)response.StatusCode} {text}");
        }
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            double? firstByteMs = null;
            long bytes = 0, lines = 0;
            var inQuotes = false;
            var lastByte = (byte)'\n';
            var timedOut = false;
            while (true)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    timedOut = true;
                    break;
                }
                if (read == 0) break;
                firstByteMs ??= clock.Elapsed.TotalMilliseconds;
                bytes += read;
                foreach (var b in buffer.AsSpan(0, read))
                {
                    // RFC 4180: a quote toggles the quoted state (an escaped "" toggles twice); a line break inside quotes is data.
                    if (csv && b == (byte)'"') inQuotes = !inQuotes;
                    else if (b == (byte)'\n' && !inQuotes) lines++;
                }
                lastByte = buffer[read - 1];
            }
            if (bytes > 0 && lastByte != (byte)'\n') lines++; // a last record without a line break
            var rows = csv ? Math.Max(0, lines - 1) : lines;
            return new Result(Math.Round(headersMs, 1), firstByteMs is { } f ? Math.Round(f, 1) : null,
                Math.Round(clock.Elapsed.TotalSeconds, 2), bytes, rows, asOf, timedOut);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
