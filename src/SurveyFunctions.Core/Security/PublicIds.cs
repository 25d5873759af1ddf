namespace SurveyFunctions.Core.Security;

/// <summary>
/// The shape of every id we issue (tenants, keys, polls, surveys): ASCII letters, digits, '_' or '-', at most
/// <see cref="MaxLength"/> characters. Anything else names nothing we issued, so it is "not found" without a storage call,
/// whether it arrives in a path or in a queue message. Table Storage refuses '/', '\', '#', '?' and control characters in
/// keys (the client throws before sending), so this check also keeps such input away from storage.
/// </summary>
public static class PublicIds
{
    /// <summary>Ids longer than this are refused before any storage call.</summary>
    public const int MaxLength = 128;

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && id.All(IsIdCharacter);

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
