using System.Security.Cryptography;
using System.Text;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.Tenants;

/// <summary>
/// API key format and hashing. A key is <c>sfk_{keyId}_{secret}</c> with a 256-bit secret; only its SHA-256 is stored.
/// A fast hash is right here (unlike passwords) because the secret is random and long: there is nothing to brute-force.
/// </summary>
public static class ApiKeys
{
    private const string Prefix = "sfk_";
    private const int MaxKeyLength = 200;

    public static (string KeyId, string Key) Generate()
    {
        var keyId = RandomIds.Alphanumeric(10);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (keyId, $"{Prefix}{keyId}_{secret}");
    }

    /// <summary>Lowercase hex SHA-256 of the key: the partition key of its apikeys row.</summary>
    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Cheap shape check so junk never reaches storage.</summary>
    public static bool LooksValid(string key) =>
        key.Length is > 20 and <= MaxKeyLength && key.StartsWith(Prefix, StringComparison.Ordinal) &&
        key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    /// <summary>Constant-time comparison of two hex hashes.</summary>
    public static bool HashesEqual(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
