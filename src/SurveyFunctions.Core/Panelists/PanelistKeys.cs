using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// A panelist's public key, <c>{keyId}:{secret}</c>. The key id is random; the secret is HMAC-SHA256 of the key id under a
/// signing key (<see cref="SigningKeyRing"/>), so the tenant gets the same key on every call without the secret ever being
/// stored: storage holds only its SHA-256, compared in constant time. Someone who reads the table cannot make a key; someone
/// who guesses a key id cannot make its secret.
/// </summary>
public sealed class PanelistKeys(SigningKeyRing keys)
{
    public const string Header = "X-Panelist-Key";
    private const int KeyIdLength = 20;
    private const string Purpose = "panelist-key|";

    public static string NewKeyId() => RandomIds.Alphanumeric(KeyIdLength);

    public string ActiveSigningKeyId => keys.ActiveKeyId;

    /// <summary>The public key, or null when its signing key has left the ring (the caller issues a new one).</summary>
    public string? PublicKey(Panelist panelist) =>
        Secret(panelist.SigningKeyId, panelist.KeyId) is { } secret ? panelist.KeyId + ":" + secret : null;

    public string SecretHash(string signingKeyId, string keyId) =>
        Hash(Secret(signingKeyId, keyId) ?? throw new InvalidOperationException($"Signing key '{signingKeyId}' is not in the ring."));

    /// <summary>Splits a presented key; false for anything that cannot be one we issued (checked before any storage call).</summary>
    public static bool TryParse(string? presented, out string keyId, out string secret)
    {
        keyId = secret = "";
        if (presented is null || presented.Length > 128)
            return false;
        var colon = presented.IndexOf(':', StringComparison.Ordinal);
        if (colon != KeyIdLength)
            return false;
        keyId = presented[..colon];
        secret = presented[(colon + 1)..];
        return keyId.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)) &&
               secret.Length == 43 && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));

    private string? Secret(string signingKeyId, string keyId) =>
        keys.TryGetKey(signingKeyId, out var key)
            ? Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(Purpose + keyId)))
            : null;

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));
}
