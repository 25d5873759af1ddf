using System.Text.Json.Serialization;
using SurveyFunctions.Core.SurveyManagement;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// A question's text or an option's label: one string for every language, or one string per language
/// (<c>{"en": "…", "es": "…"}</c>) that <see cref="SurveyInput"/> checks covers every language of the survey.
/// Serialises back to exactly the shape it was given (string or object, languages in the order given).
/// </summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    private readonly KeyValuePair<string, string>[]? _byLanguage;

    private LocalizedText(string? single, KeyValuePair<string, string>[]? byLanguage)
    {
        Text = single;
        _byLanguage = byLanguage;
    }

    /// <summary>The one text, when the same text serves every language; null for per-language text.</summary>
    public string? Text { get; }

    /// <summary>Language → text, in the order given; empty for a single text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ByLanguage => _byLanguage ?? [];

    public bool IsPerLanguage => _byLanguage is not null;

    public static LocalizedText Of(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), null);

    public static LocalizedText PerLanguage(IEnumerable<KeyValuePair<string, string>> texts)
    {
        var pairs = texts.ToArray();
        if (pairs.Length == 0)
            throw new ArgumentException("Per-language text needs at least one language.", nameof(texts));
        if (pairs.Select(p => p.Key).Distinct(StringComparer.OrdinalIgnoreCase).Count() != pairs.Length)
            throw new ArgumentException("A language appears more than once.", nameof(texts));
        return new(null, pairs);
    }

    /// <summary>
    /// The text for <paramref name="language"/>: that language exactly (case-insensitive), else its base language
    /// (<c>en-US</c> → <c>en</c>), else <paramref name="defaultLanguage"/> (the survey's first language), else the first given.
    /// </summary>
    public string Resolve(string? language, string defaultLanguage)
    {
        if (_byLanguage is null)
            return Text!;
        if (!string.IsNullOrEmpty(language))
        {
            if (Find(language) is { } exact)
                return exact;
            var dash = language.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && Find(language[..dash]) is { } baseLanguage)
                return baseLanguage;
        }
        return Find(defaultLanguage) ?? _byLanguage[0].Value;
    }

    /// <summary>True when every one of <paramref name="languages"/> has its own text (always true for a single text).</summary>
    public bool Covers(IEnumerable<string> languages) => _byLanguage is null || languages.All(l => Find(l) is not null);

    /// <summary>Every text it holds (the single one, or one per language): for length and content checks.</summary>
    public IEnumerable<string> AllTexts() => _byLanguage is null ? [Text!] : _byLanguage.Select(p => p.Value);

    private string? Find(string language)
    {
        foreach (var (key, value) in _byLanguage!)
        {
            if (string.Equals(key, language, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }

    public bool Equals(LocalizedText? other) =>
        other is not null &&
        string.Equals(Text, other.Text, StringComparison.Ordinal) &&
        ByLanguage.SequenceEqual(other.ByLanguage);

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Text, StringComparer.Ordinal);
        foreach (var pair in ByLanguage)
            hash.Add(pair);
        return hash.ToHashCode();
    }

    public override string ToString() => Text ?? string.Join(" | ", ByLanguage.Select(p => $"{p.Key}: {p.Value}"));
}
