using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SurveyFunctions.Core.Configuration;

namespace SurveyFunctions.Core.Security;

/// <summary>
/// Issues and verifies compact HS256 tokens in JWT form (<c>header.payload.signature</c>, base64url), with a key id
/// for rotation. Every token names its purpose (embed, session, panelist, response) and its subject (a poll, a session…),
/// so a token for one thing can never be replayed against another.
/// </summary>
public sealed class TokenSigner(SigningKeyRing keys, TimeProvider time)
{
    private const int MaxTokenLength = 4096;

    public string Issue(string purpose, string subject, TimeSpan lifetime, IReadOnlyDictionary<string, string>? claims = null)
    {
        var now = time.GetUtcNow();
        var header = Encode(writer =>
        {
            writer.WriteString("alg", "HS256");
            writer.WriteString("typ", "JWT");
            writer.WriteString("kid", keys.ActiveKeyId);
        });
        var payload = Encode(writer =>
        {
            writer.WriteString("pur", purpose);
            writer.WriteString("sub", subject);
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", now.Add(lifetime).ToUnixTimeSeconds());
            if (claims is not null)
            {
                foreach (var (name, value) in claims)
                    writer.WriteString(name, value);
            }
        });
        var signingInput = header + "." + payload;
        return signingInput + "." + Base64Url.EncodeToString(Sign(keys.ActiveKey, signingInput));
    }

    public TokenRejection Verify(string? token, string purpose, string subject, out SignedToken? verified) =>
        VerifyCore(token, purpose, subject, out verified);

    /// <summary>
    /// Verifies a token whose subject the caller learns from it (a session token names its session), checking everything
    /// <see cref="Verify"/> does except the subject. The caller must then check the token's claims bind it to what the
    /// request addresses (the survey, the tenant), since any subject is accepted here.
    /// </summary>
    public TokenRejection VerifyAnySubject(string? token, string purpose, out SignedToken? verified) =>
        VerifyCore(token, purpose, null, out verified);

    private TokenRejection VerifyCore(string? token, string purpose, string? subject, out SignedToken? verified)
    {
        verified = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
            return TokenRejection.Malformed;
        var parts = token.Split('.');
        if (parts.Length != 3)
            return TokenRejection.Malformed;

        string? keyId;
        byte[] signature;
        JsonDocument payload;
        try
        {
            using (var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])))
            {
                if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.GetString() != "HS256")
                    return TokenRejection.Malformed;
                keyId = header.RootElement.TryGetProperty("kid", out var kid) ? kid.GetString() : null;
            }
            signature = Base64Url.DecodeFromChars(parts[2]);
            payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException)
        {
            return TokenRejection.Malformed;
        }

        using (payload)
        {
            if (keyId is null || !keys.TryGetKey(keyId, out var key))
                return TokenRejection.UnknownKey;
            var expected = Sign(key, string.Concat(parts[0], ".", parts[1]));
            if (!CryptographicOperations.FixedTimeEquals(expected, signature))
                return TokenRejection.BadSignature;

            var root = payload.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return TokenRejection.Malformed;
            var claims = new Dictionary<string, string>(StringComparer.Ordinal);
            long iat = 0, exp = 0;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "iat" when property.Value.ValueKind == JsonValueKind.Number: iat = property.Value.GetInt64(); break;
                    case "exp" when property.Value.ValueKind == JsonValueKind.Number: exp = property.Value.GetInt64(); break;
                    default:
                        if (property.Value.ValueKind == JsonValueKind.String)
                            claims[property.Name] = property.Value.GetString()!;
                        break;
                }
            }
            if (!claims.Remove("pur", out var pur) || pur != purpose)
                return TokenRejection.WrongPurpose;
            if (!claims.Remove("sub", out var sub) || (subject is not null && sub != subject))
                return TokenRejection.WrongSubject;
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
            if (exp == 0 || time.GetUtcNow() >= expiresAt)
                return TokenRejection.Expired;
            verified = new SignedToken(pur, sub, DateTimeOffset.FromUnixTimeSeconds(iat), expiresAt, claims);
            return TokenRejection.None;
        }
    }

    private static byte[] Sign(byte[] key, string signingInput) => HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signingInput));

    private static string Encode(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        return Base64Url.EncodeToString(buffer.WrittenSpan);
    }
}
