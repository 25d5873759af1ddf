using System.Security.Cryptography;
using System.Text;
using SurveyFunctions.Core.Configuration;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// Webhook secrets as stored: AES-GCM under a key derived (HKDF) from the app's signing key, named by its key id. Deliveries
/// must sign with the secret, so it is stored; encrypted, a reader of storage (a backup, an export, a leaked SAS) alone
/// cannot sign as us, and nothing that logs rows logs a usable secret. A signing key removed from
/// <see cref="SurveyFunctionsOptions.SigningKeys"/> makes the secrets stored under it unreadable: rotate them first.
/// </summary>
public sealed class WebhookSecrets(SigningKeyRing keys)
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("webhook-secret");

    public string Protect(string secret)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plain.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyFor(keys.ActiveKey), TagBytes);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceBytes, plain.Length), sealedBytes.AsSpan(NonceBytes + plain.Length), Purpose);
        return keys.ActiveKeyId + "." + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>The secret in the clear; throws when its key is no longer configured or the stored value was altered.</summary>
    public string Unprotect(string stored)
    {
        var dot = stored.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !keys.TryGetKey(stored[..dot], out var key))
            throw new CryptographicException("The webhook secret was stored under a signing key that is no longer configured.");
        var sealedBytes = Convert.FromBase64String(stored[(dot + 1)..]);
        var plain = new byte[sealedBytes.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(KeyFor(key), TagBytes);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, plain.Length),
            sealedBytes.AsSpan(NonceBytes + plain.Length), plain, Purpose);
        return Encoding.UTF8.GetString(plain);
    }

    private static byte[] KeyFor(byte[] signingKey) => HKDF.DeriveKey(HashAlgorithmName.SHA256, signingKey, 32, info: Purpose);
}
