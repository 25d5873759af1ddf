using System.Security.Cryptography;
using System.Text;

namespace SurveyFunctions.Core.Sessions;

/// <summary>
/// A respondent's storage key: the SHA-256 (hex) of their external id. External ids are whatever the client sends as
/// <c>customer_id</c> (any Unicode, up to 256 characters); hashing gives a fixed-length key made only of characters Table
/// Storage accepts, so no id can break out of its key or reach another respondent's partition.
/// </summary>
public static class RespondentKeys
{
    public static string For(string externalId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(externalId)));

    public static bool IsWellFormed(string? key) =>
        key is { Length: 64 } && key.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
