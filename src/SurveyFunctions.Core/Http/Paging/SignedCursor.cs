using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.Http.Paging;

/// <summary>
/// Opaque, signed list cursors. A cursor carries the list's position (for Table Storage, the SDK's continuation token,
/// which is an unchecked "PartitionKey RowKey" string) and is bound to one list and one scope (a poll, a tenant…), so a
/// forged, edited or foreign cursor is refused instead of reading another page of someone else's data.
/// </summary>
public sealed class SignedCursor(TokenSigner signer)
{
    private const string StateClaim = "pos";

    // Long enough for a slow client to walk a long list, short enough that a leaked cursor soon stops working.
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public string Issue(string list, string scope, string position) =>
        signer.Issue("cursor:" + list, scope, Lifetime, new Dictionary<string, string>(StringComparer.Ordinal) { [StateClaim] = position });

    /// <summary>The position inside <paramref name="raw"/>; null when no cursor was sent; a 400 naming <paramref name="field"/> otherwise.</summary>
    public Outcome<string?> Read(string? raw, string list, string scope, string field = "cursor")
    {
        if (string.IsNullOrEmpty(raw))
            return (string?)null;
        var rejection = signer.Verify(raw, "cursor:" + list, scope, out var token);
        if (rejection == TokenRejection.Expired)
            return ApiError.BadRequest($"'{field}' has expired; start again from the first page.", field);
        if (rejection != TokenRejection.None || token is null || !token.Claims.TryGetValue(StateClaim, out var position))
            return ApiError.BadRequest($"'{field}' is not a cursor this endpoint returned.", field);
        return position;
    }
}
