using System.Buffers;
using System.Text.Json;
using SurveyFunctions.Core.Http.Json;

namespace SurveyFunctions.Core.SessionExports;

/// <summary>
/// Newline-delimited JSON (one value per line, serialized with <see cref="ApiJson.Options"/>) into a stream, in 64 KiB writes:
/// a line is never split by a flush, and memory stays at one buffer whatever the number of lines.
/// </summary>
public sealed class NdjsonWriter(Stream output) : IAsyncDisposable
{
    private const int FlushAt = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(FlushAt + 4096);
    private readonly Utf8JsonWriter _json = new(Stream.Null, new JsonWriterOptions { Encoder = ApiJson.Options.Encoder, SkipValidation = true });

    public async ValueTask WriteAsync<T>(T value, CancellationToken ct)
    {
        _json.Reset(_buffer);
        JsonSerializer.Serialize(_json, value, ApiJson.Options);
        _json.Flush();
        _buffer.Write("\n"u8);
        if (_buffer.WrittenCount >= FlushAt)
            await WriteOutAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Writes what is buffered and flushes the stream (a streamed response sends it now).</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        await WriteOutAsync(ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await WriteOutAsync(CancellationToken.None).ConfigureAwait(false);
        await _json.DisposeAsync().ConfigureAwait(false);
    }

    private async Task WriteOutAsync(CancellationToken ct)
    {
        if (_buffer.WrittenCount == 0)
            return;
        await output.WriteAsync(_buffer.WrittenMemory, ct).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
    }
}
