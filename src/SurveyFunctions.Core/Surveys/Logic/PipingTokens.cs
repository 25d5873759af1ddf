using System.Text.RegularExpressions;

namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>
/// The placeholders a question text or option label may hold: <c>{{identifier}}</c> (the answer to an earlier question) and
/// <c>{{hidden.name}}</c> (a hidden field of the session). Anything else between braces is left as written.
/// </summary>
public static partial class PipingTokens
{
    public const string HiddenPrefix = "hidden.";

    /// <summary>One placeholder in a text: where it is, and what it names.</summary>
    public readonly record struct Token(int Index, int Length, string Name)
    {
        public bool IsHidden => Name.StartsWith(HiddenPrefix, StringComparison.Ordinal);

        /// <summary>The hidden field's name, or the question's identifier.</summary>
        public string Target => IsHidden ? Name[HiddenPrefix.Length..] : Name;
    }

    public static IEnumerable<Token> In(string text)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
            yield break;
        foreach (Match match in Placeholder().Matches(text))
            yield return new Token(match.Index, match.Length, match.Groups[1].Value);
    }

    /// <summary><paramref name="text"/> with each placeholder replaced by what <paramref name="valueOf"/> gives (unknown: empty).</summary>
    public static string Replace(string text, Func<Token, string?> valueOf) =>
        !text.Contains("{{", StringComparison.Ordinal)
            ? text
            : Placeholder().Replace(text, m => valueOf(new Token(m.Index, m.Length, m.Groups[1].Value)) ?? "");

    [GeneratedRegex(@"\{\{\s*((?:hidden\.)?[A-Za-z][A-Za-z0-9_]{0,63})\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Placeholder();
}
