using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Http;

/// <summary>Ids taken from the path, checked before they go anywhere near storage.</summary>
public static class RouteIds
{
    /// <summary>
    /// The route value <paramref name="name"/>, or null when it cannot name anything we issued. Every id we issue (tenants,
    /// keys, polls) is ASCII letters, digits, '_' or '-', so anything else is "not found" without a storage call. This matters
    /// beyond saving a read: Table Storage refuses '/', '\', '#', '?' and control characters in keys, and the client throws on
    /// them before sending, which surfaced as a 500 for paths like <c>/api/polls/a%23b</c>.
    /// </summary>
    public static string? Get(HttpContext context, string name) =>
        context.Request.RouteValues[name] is string id && IsValid(id) ? id : null;

    /// <summary>Whether <paramref name="id"/> could be one we issued (the same rule for ids that arrive in queue messages).</summary>
    public static bool IsValid(string? id) => id is { Length: > 0 and <= RequestLimits.MaxIdLength } && id.All(IsIdCharacter);

    private static bool IsIdCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
