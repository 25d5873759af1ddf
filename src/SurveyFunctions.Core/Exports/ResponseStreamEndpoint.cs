using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Hosted;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.SessionExports;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Exports;

/// <summary>
/// <c>GET /api/surveys/{uuid}/responses?format=csv|ndjson</c>: the survey's responses as one file, streamed: rows are written as
/// they are read (<see cref="SessionSnapshots"/>), so the response starts at once and memory stays flat whatever the size. The
/// snapshot is pinned to the moment of the request (<see cref="ExportQuery.AsOfHeader"/>); <see cref="ExportRequest"/> has the options. For
/// what takes longer than a request may (230 s in Azure), an export job writes the same bytes into Blob Storage.
/// </summary>
public sealed class ResponseStreamEndpoint(SurveyStore surveys, SessionSnapshots snapshots, TimeProvider time)
{
    public async Task<IResult> StreamAsync(HttpContext context)
    {
        var tenantId = context.Tenant().TenantId;
        var uuid = RouteIds.Get(context, "uuid");
        var survey = uuid is null ? null : await surveys.GetAsync(tenantId, uuid, context.RequestAborted).ConfigureAwait(false);
        if (survey is null)
            return SurveyErrors.NotFound().ToResult();
        var asOf = ExportWindow.PinAsOf(time.GetUtcNow());
        var request = ExportRequest.FromQuery(context.Request.Query, asOf);
        if (!request.IsSuccess)
            return request.Error.ToResult();

        var (format, partial, since, bom) = request.Value;
        var window = new ExportWindow(asOf, since, partial);
        var file = new StreamedFile(format.ContentType(), FileName(survey.Uuid, asOf, format), async (body, ct) =>
        {
            await using var rows = SessionRows.Create(format, survey, body, bom);
            await rows.WriteHeaderAsync(ct).ConfigureAwait(false);
            await rows.FlushAsync(ct).ConfigureAwait(false);
            await foreach (var session in snapshots.ReadAsync(tenantId, survey.Uuid, window, 0, ct).ConfigureAwait(false))
                await rows.WriteAsync(session, ct).ConfigureAwait(false);
            await rows.FlushAsync(ct).ConfigureAwait(false);
        });
        file.Headers[ExportQuery.AsOfHeader] = ExportQuery.Instant(asOf);
        return file;
    }

    /// <summary>"responses-{uuid}-{as_of}.csv": the file says which survey and which instant it holds.</summary>
    public static string FileName(string surveyUuid, DateTimeOffset asOf, ExportFormat format) =>
        ExportQuery.FileName("responses", surveyUuid, asOf, format);
}
