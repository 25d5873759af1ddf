using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Http.Paging;

/// <summary>Page-numbered listing as the Polls API defines it (<c>?page=&amp;limit=</c> and a <c>pagination</c>
/// block), shared by every list that pages that way.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;
    public const int MaxPage = 1_000_000;

    /// <summary>The Polls API's pagination block; <c>totalPages</c> is camelCase there.</summary>
    public sealed record Pagination(int Page, int Limit, int Total, [property: JsonPropertyName("totalPages")] int TotalPages)
    {
        public static Pagination Of(int page, int limit, int total) => new(page, limit, total, (total + limit - 1) / limit);
    }

    /// <summary><c>page</c> and <c>limit</c> from the query string, or a <c>validation_error</c> naming the bad one.</summary>
    public static Outcome<(int Page, int Limit)> Read(HttpContext context)
    {
        var page = ParsePositive(context, "page", 1, MaxPage);
        if (!page.IsSuccess)
            return page.Error;
        var limit = ParsePositive(context, "limit", DefaultLimit, MaxLimit);
        if (!limit.IsSuccess)
            return limit.Error;
        return (page.Value, limit.Value);
    }

    /// <summary>A whole number from 1 to <paramref name="max"/> given once, or <paramref name="fallback"/> when absent.</summary>
    public static Outcome<int> ParsePositive(HttpContext context, string name, int fallback, int max)
    {
        var raw = context.Request.Query[name];
        if (raw.Count == 0)
            return fallback;
        if (raw.Count > 1 || !int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
            return ApiError.BadRequest($"'{name}' must be a whole number from 1 to {max}.", name);
        return value;
    }
}
