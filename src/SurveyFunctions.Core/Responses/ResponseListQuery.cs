using System.Globalization;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Paging;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// The list's query string as Zendesk's documentation names it: <c>filter[responder_ids]</c>, <c>filter[subject_zrns]</c> (comma-separated),
/// <c>filter[created_at_start]</c>/<c>filter[created_at_end]</c> (Unix seconds, both inclusive), <c>page[size]</c>,
/// <c>page[after]</c>/<c>page[before]</c> (cursors from <c>meta</c>) and <c>sort</c> (<c>id</c> or <c>-id</c>). A misspelt
/// <c>filter[…]</c> or <c>page[…]</c> parameter is an error, not a filter silently ignored.
/// </summary>
public sealed record ResponseListQuery(
    IReadOnlyList<long> ResponderIds,
    IReadOnlyList<string> SubjectZrns,
    long? CreatedAtStart,
    long? CreatedAtEnd,
    int Size,
    string? After,
    string? Before,
    bool Descending)
{
    public const int DefaultSize = 100;
    public const int MaxSize = 100;
    public const int MaxFilterValues = 10;

    /// <summary>Year 9999: the latest instant a table date-time holds.</summary>
    private const long MaxEpochSeconds = 253_402_300_799;

    private static readonly string[] Known =
        ["filter[responder_ids]", "filter[subject_zrns]", "filter[created_at_start]", "filter[created_at_end]", "page[size]", "page[after]",
            "page[before]", "sort"];

    /// <summary>
    /// What a cursor is bound to besides the tenant: the filters and the order. A cursor from a list with other filters would
    /// address a position that list may not have, so it is refused as foreign.
    /// </summary>
    public string Scope(string tenantId) => string.Join('|',
        tenantId,
        string.Join(',', ResponderIds.Order()),
        string.Join(',', SubjectZrns.Order(StringComparer.Ordinal)),
        CreatedAtStart?.ToString(CultureInfo.InvariantCulture) ?? "",
        CreatedAtEnd?.ToString(CultureInfo.InvariantCulture) ?? "",
        Descending ? "-id" : "id");

    public static Outcome<ResponseListQuery> Read(HttpRequest request)
    {
        foreach (var key in request.Query.Keys)
        {
            if ((key.StartsWith("filter[", StringComparison.Ordinal) || key.StartsWith("page[", StringComparison.Ordinal) || key == "sort") &&
                !Known.Contains(key, StringComparer.Ordinal))
            {
                return ApiError.BadRequest($"Unknown parameter '{Shorten(key)}'. Accepted: {string.Join(", ", Known)}.", Shorten(key));
            }
            if (Known.Contains(key, StringComparer.Ordinal) && request.Query[key].Count > 1)
                return ApiError.BadRequest($"'{key}' is given more than once.", key);
        }

        var responders = new List<long>();
        foreach (var part in List(request, "filter[responder_ids]"))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id < 1 || id > ResponseInput.MaxResponderId)
                return ApiError.BadRequest("'filter[responder_ids]' must be comma-separated responder ids (whole numbers).", "filter[responder_ids]");
            if (!responders.Contains(id))
                responders.Add(id);
        }
        var zrns = new List<string>();
        foreach (var part in List(request, "filter[subject_zrns]"))
        {
            if (!ResponseInput.IsZrn(part))
                return ApiError.BadRequest("'filter[subject_zrns]' must be comma-separated Zendesk resource names such as zen:ticket:99.",
                    "filter[subject_zrns]");
            if (!zrns.Contains(part, StringComparer.Ordinal))
                zrns.Add(part);
        }
        if (responders.Count > MaxFilterValues || zrns.Count > MaxFilterValues)
        {
            var name = responders.Count > MaxFilterValues ? "filter[responder_ids]" : "filter[subject_zrns]";
            return ApiError.BadRequest($"'{name}' takes at most {MaxFilterValues} values.", name);
        }

        var start = Epoch(request, "filter[created_at_start]");
        if (!start.IsSuccess)
            return start.Error;
        var end = Epoch(request, "filter[created_at_end]");
        if (!end.IsSuccess)
            return end.Error;
        var size = Paging.ParsePositive(request.HttpContext, "page[size]", DefaultSize, MaxSize);
        if (!size.IsSuccess)
            return size.Error;
        var sort = request.Query["sort"].ToString();
        if (sort.Length > 0 && sort is not ("id" or "-id"))
            return ApiError.BadRequest("'sort' must be id or -id.", "sort");
        var after = Value(request, "page[after]");
        var before = Value(request, "page[before]");
        if (after is not null && before is not null)
            return ApiError.BadRequest("Give 'page[after]' or 'page[before]', not both.", "page[before]");
        return new ResponseListQuery(responders, zrns, start.Value, end.Value, size.Value, after, before, sort == "-id");
    }

    private static string[] List(HttpRequest request, string name) =>
        Value(request, name) is { } raw ? raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];

    private static string? Value(HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value ? value : null;

    private static Outcome<long?> Epoch(HttpRequest request, string name)
    {
        if (Value(request, name) is not { } raw)
            return (long?)null;
        return long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxEpochSeconds
            ? seconds
            : ApiError.BadRequest($"'{name}' must be a Unix time in seconds (such as 1723636800).", name);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";
}
