using System.Security.Cryptography;
using System.Text;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// Standard Webhooks signatures: HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c> keyed with the bytes of
/// the secret after <c>whsec_</c> (base64), sent as <c>v1,{base64 signature}</c>; several space-separated while a rotated
/// secret is in its grace period, so a receiver holding either secret accepts the delivery.
/// </summary>
public static class WebhookSigner
{
    public const string SecretPrefix = "whsec_";

    /// <summary>A new secret: 32 random bytes.</summary>
    public static string NewSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The <c>webhook-signature</c> header value for these secrets (in the clear, each <c>whsec_…</c>).</summary>
    public static string Sign(IEnumerable<string> secrets, string id, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}");
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(KeyOf(secret), content))));
    }

    private static byte[] KeyOf(string secret) =>
        Convert.FromBase64String(secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret);
}
