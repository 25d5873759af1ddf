using System.Buffers;
using System.Text;

namespace SurveyFunctions.Storage;

/// <summary>
/// Message text travels base64(UTF-8) because that is what the Azure Functions queue trigger (and the v12 SDKs'
/// "Base64" message encoding) expect; it also keeps XML-hostile characters out of the request body.
/// </summary>
internal static class QueueMessageCodec
{
    /// <summary>The service limit on the (encoded) message body.</summary>
    public const int MaxEncodedLength = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Encode(string text)
    {
        var byteCount = StrictUtf8.GetByteCount(text);
        var rented = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = StrictUtf8.GetBytes(text, rented);
            return Convert.ToBase64String(rented, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>base64 -> UTF-8 text; anything that is not (e.g. a plain-text message someone else wrote) comes back raw.</summary>
    public static string Decode(string raw)
    {
        if (raw.Length == 0 || raw.Length % 4 != 0)
        {
            return raw;
        }
        var rented = ArrayPool<byte>.Shared.Rent(raw.Length / 4 * 3);
        try
        {
            if (!Convert.TryFromBase64String(raw, rented, out var written))
            {
                return raw;
            }
            try
            {
                return StrictUtf8.GetString(rented, 0, written);
            }
            catch (DecoderFallbackException)
            {
                return raw;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
