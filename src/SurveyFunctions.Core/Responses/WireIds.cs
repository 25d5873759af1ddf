using System.Globalization;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// Question and option ids on this family's wire. Zendesk's documentation shows ULID-like strings; ours are integers unique in the tenant,
/// so they travel as their decimal string (<c>"1042"</c>): stable across edits, the same number the Take and Account
/// families show, and a string as its clients expect.
/// </summary>
public static class WireIds
{
    public static string Of(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>A decimal string of a positive id, or null.</summary>
    public static long? Parse(string? text) =>
        text is { Length: > 0 and <= 18 } && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
}
