using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Hosted;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.SessionExports;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// <c>GET /api/polls/{id}/votes?format=csv|ndjson</c> (owner only): every vote of the poll as one file, streamed the way a
/// survey's responses are: rows are written as they are read, a storage page at a time, so the response starts at once and
/// memory stays flat. The file is pinned to the moment of the request (<see cref="ExportQuery.AsOfHeader"/>): the votes cast
/// at or before it, which is what the poll's results count then. Without <c>format</c> the path keeps serving the paged JSON
/// list (<see cref="VoteListEndpoint"/>).
/// </summary>
public sealed class VoteStreamEndpoint(SurveyStorage storage, TimeProvider time)
{
    /// <summary>What <c>format</c> takes on this path (absent: the JSON list).</summary>
    public const string Formats = "'csv' or 'ndjson' (or absent for the JSON list)";

    /// <summary>The list's paging parameters, which mean nothing to a file that holds every vote.</summary>
    private static readonly string[] ListOnly = ["limit", "cursor"];

    public IResult Stream(HttpContext context, Poll poll, ExportFormat format)
    {
        var query = context.Request.Query;
        if (ListOnly.FirstOrDefault(query.ContainsKey) is { } paging)
            return ApiError.BadRequest($"'{paging}' pages the JSON list; a streamed file (format={format.ToWire()}) holds every vote.", paging)
                .ToResult();
        var bom = ExportQuery.Flag(query, "bom");
        if (!bom.IsSuccess)
            return bom.Error.ToResult();

        var asOf = ExportWindow.PinAsOf(time.GetUtcNow());
        var file = new StreamedFile(format.ContentType(), ExportQuery.FileName("votes", poll.Id, asOf, format), async (body, ct) =>
        {
            await using var rows = VoteRows.Create(format, poll, body, bom.Value);
            await rows.WriteHeaderAsync(ct).ConfigureAwait(false);
            await rows.FlushAsync(ct).ConfigureAwait(false);
            await foreach (var vote in VoteRecords.ReadAllAsync(storage, poll, asOf, ct).ConfigureAwait(false))
                await rows.WriteAsync(vote, ct).ConfigureAwait(false);
            await rows.FlushAsync(ct).ConfigureAwait(false);
        });
        file.Headers[ExportQuery.AsOfHeader] = ExportQuery.Instant(asOf);
        return file;
    }
}
