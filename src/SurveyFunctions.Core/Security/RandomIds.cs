using System.Security.Cryptography;

namespace SurveyFunctions.Core.Security;

/// <summary>Unguessable identifiers and secrets from the OS CSPRNG, in characters safe for URLs and table keys.</summary>
public static class RandomIds
{
    private const string Alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";

    /// <summary>A lowercase alphanumeric string; 16 characters carry about 82 bits.</summary>
    public static string Alphanumeric(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary><c>prefix_</c> + 16 random characters, e.g. <c>poll_k3j…</c>.</summary>
    public static string New(string prefix) => prefix + "_" + Alphanumeric(16);
}
