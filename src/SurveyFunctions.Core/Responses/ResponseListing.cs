using SurveyFunctions.Core.Http.Paging;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.Responses;

/// <summary>One page of a response list, in the order asked, with the cursors to the pages after and before it.</summary>
public sealed record ResponseListPage(IReadOnlyList<SurveyResponse> Responses, string? AfterCursor, string? BeforeCursor, bool HasMore);

/// <summary>
/// Plans and reads one page of a response list: which index to walk (by responder, by subject, or all), which filters the
/// store applies and which are checked in memory, the id range of the date filters, and the signed cursors, bound to the
/// tenant, the filters and the order (<see cref="ResponseListQuery.Scope"/>).
/// </summary>
public sealed class ResponseListing(ResponseStore responses, SignedCursor cursors)
{
    private const string CursorList = "survey_responses";

    public async Task<Outcome<ResponseListPage>> ListAsync(string tenantId, ResponseListQuery q, CancellationToken ct)
    {
        var scope = q.Scope(tenantId);
        var after = cursors.Read(q.After, CursorList, scope, "page[after]");
        if (!after.IsSuccess)
            return after.Error;
        var before = cursors.Read(q.Before, CursorList, scope, "page[before]");
        if (!before.IsSuccess)
            return before.Error;

        // Filter by responder through its index (and by subject in memory when both are asked), else by subject, else all.
        IReadOnlyList<ResponseKeys.Index> indexes = q.ResponderIds.Count > 0
            ? q.ResponderIds.Select(id => ResponseKeys.ByResponder(id, q.Descending)).ToArray()
            : q.SubjectZrns.Count > 0
                ? q.SubjectZrns.Select(z => ResponseKeys.BySubject(z, q.Descending)).ToArray()
                : [ResponseKeys.All(q.Descending)];
        Func<SurveyResponse, bool> keep = q.ResponderIds.Count > 0 && q.SubjectZrns.Count > 0
            ? r => r.SubjectZrns.Any(z => q.SubjectZrns.Contains(z, StringComparer.Ordinal))
            : _ => true;
        var minId = q.CreatedAtStart is { } start ? Ulids.LowerBound(start * 1000) : null;
        var maxId = q.CreatedAtEnd is { } end ? Ulids.UpperBound(end * 1000 + 999) : null;

        // Backwards: the same rows read in the other order from the cursor, then turned round.
        var backwards = before.Value is not null;
        var walked = backwards ? indexes.Select(i => i.Reversed).ToArray() : indexes;
        var read = await responses.ListAsync(tenantId, walked, backwards ? before.Value : after.Value, minId, maxId, keep, q.Size + 1,
            ct).ConfigureAwait(false);
        var hasMore = read.Count > q.Size;
        var page = read.Take(q.Size).ToList();
        if (backwards)
            page.Reverse();

        return new ResponseListPage(
            page,
            page.Count == 0 ? null : cursors.Issue(CursorList, scope, page[^1].Id),
            page.Count == 0 ? null : cursors.Issue(CursorList, scope, page[0].Id),
            hasMore);
    }
}
