using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// Keys of the <c>surveyresponses</c> table. One partition per tenant (its tenant id) holds every row of the tenant's
/// responses; each response is written as full copies under several row keys, in one entity group transaction:
/// <list type="bullet">
/// <item><c>a|{ulid}</c> and <c>d|{inverted ulid}</c>: all responses, ascending and descending (<see cref="Ulids.Invert"/>);</item>
/// <item><c>ra|{responder id:D20}|{ulid}</c> and <c>rd|…|{inverted}</c>: by responder;</item>
/// <item><c>za|{zrn hash}|{ulid}</c> and <c>zd|…|{inverted}</c>: by subject (SHA-256 of the zrn, hex: any zrn makes a valid key).</item>
/// </list>
/// So a point read finds a response by id, and every page of the list, in either order and either direction, filtered or not,
/// is one range query (one per filter value) that reads exactly the page: no scan, no second read.
/// </summary>
public static class ResponseKeys
{
    /// <summary>Sorts after every character the keys here use (Crockford base32, hex, digits, '|').</summary>
    private const string RangeEnd = "~";

    /// <summary>
    /// Which rows a list walks: all (<paramref name="Kind"/> ""), one responder's ("r") or one subject's ("z", <paramref name="Scope"/>
    /// the responder id or zrn hash), in ascending or descending id order.
    /// </summary>
    public readonly record struct Index(string Kind, string Scope, bool Descending)
    {
        public string Prefix => Kind + (Descending ? "d|" : "a|") + (Scope.Length == 0 ? "" : Scope + "|");

        public string Key(string ulid) => Prefix + (Descending ? Ulids.Invert(ulid) : ulid);

        /// <summary>The end of this index's key range (exclusive).</summary>
        public string End => Prefix + RangeEnd;

        /// <summary>The same rows in the other order: how a page before a cursor is read.</summary>
        public Index Reversed => this with { Descending = !Descending };
    }

    public static Index All(bool descending) => new("", "", descending);

    public static Index ByResponder(long responderId, bool descending) =>
        new("r", responderId.ToString("D20", CultureInfo.InvariantCulture), descending);

    public static Index BySubject(string zrn, bool descending) =>
        new("z", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(zrn))), descending);

    /// <summary>The row key of the point read by id.</summary>
    public static string Row(string ulid) => All(false).Key(ulid);

    /// <summary>Every row key one response is stored under.</summary>
    public static IEnumerable<string> RowsOf(SurveyResponse response)
    {
        foreach (var descending in new[] { false, true })
        {
            yield return All(descending).Key(response.Id);
            yield return ByResponder(response.ResponderId, descending).Key(response.Id);
            foreach (var zrn in response.SubjectZrns.Distinct(StringComparer.Ordinal))
                yield return BySubject(zrn, descending).Key(response.Id);
        }
    }
}
