using System.Collections.Frozen;

namespace SurveyFunctions.Core.Configuration;

/// <summary>The parsed <see cref="SurveyFunctionsOptions.SigningKeys"/>: the active key signs, every key verifies.</summary>
public sealed class SigningKeyRing
{
    private const int MinimumKeyBytes = 32;
    private readonly FrozenDictionary<string, byte[]> _keys;

    private SigningKeyRing(string activeKeyId, Dictionary<string, byte[]> keys)
    {
        ActiveKeyId = activeKeyId;
        _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public string ActiveKeyId { get; }

    public byte[] ActiveKey => _keys[ActiveKeyId];

    public bool TryGetKey(string keyId, out byte[] key) => _keys.TryGetValue(keyId, out key!);

    /// <summary>Parses <c>kid=base64;kid2=base64</c>. Messages never include key material.</summary>
    public static SigningKeyRing Parse(string setting)
    {
        // An unresolved Key Vault reference arrives as its literal text; say so instead of "bad key id".
        if (setting.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase))
            throw new FormatException(
                "SurveyFunctions:SigningKeys is an unresolved Key Vault reference: check the app's identity has 'Key Vault Secrets User' and the " +
                "secret exists.");
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? active = null;
        foreach (var part in setting.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
                throw new FormatException("SurveyFunctions:SigningKeys entries must look like 'kid=base64key'.");
            var kid = part[..eq];
            if (kid.Length > 32 || !kid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new FormatException("SurveyFunctions:SigningKeys key ids are 1-32 letters, digits, '-' or '_'.");
            byte[] key;
            try
            {
                key = Convert.FromBase64String(part[(eq + 1)..]);
            }
            catch (FormatException)
            {
                throw new FormatException($"SurveyFunctions:SigningKeys key '{kid}' is not valid base64.");
            }
            if (key.Length < MinimumKeyBytes)
                throw new FormatException($"SurveyFunctions:SigningKeys key '{kid}' is {key.Length} bytes; at least {MinimumKeyBytes} are required.");
            if (!keys.TryAdd(kid, key))
                throw new FormatException($"SurveyFunctions:SigningKeys key id '{kid}' appears twice.");
            active ??= kid;
        }
        return active is null
            ? throw new FormatException("SurveyFunctions:SigningKeys holds no key.")
            : new SigningKeyRing(active, keys);
    }
}
