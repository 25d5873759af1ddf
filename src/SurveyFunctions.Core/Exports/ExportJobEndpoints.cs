using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Hosted;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.SessionExports;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Exports;

/// <summary>
/// Export jobs, for files too large for one request: start one (202 with its id; the queue-triggered <see cref="ExportJob"/>
/// writes the file into Blob Storage), watch it (status, rows written and expected, percent), and download the file through the
/// API with the tenant's key (no storage URL or SAS is ever handed out). Another tenant's export is not found.
/// </summary>
public sealed class ExportJobEndpoints(SurveyStore surveys, ExportStore store, ExportJobQueues queue, ExportFiles files, TimeProvider time)
{
    public static ApiError NotFound() => ApiError.NotFound("Export does not exist.", "export_not_found");

    /// <summary><c>POST /api/surveys/{uuid}/exports</c>: body <see cref="ExportRequest.Fields"/>; 202, <c>Location</c> its status.</summary>
    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var tenantId = context.Tenant().TenantId;
        var uuid = RouteIds.Get(context, "uuid");
        var survey = uuid is null ? null : await surveys.GetAsync(tenantId, uuid, context.RequestAborted).ConfigureAwait(false);
        if (survey is null)
            return SurveyErrors.NotFound().ToResult();
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var now = ExportWindow.PinAsOf(time.GetUtcNow());
        var request = ExportRequest.FromBody(body.Value, now);
        if (!request.IsSuccess)
            return request.Error.ToResult();

        var export = await store.CreateAsync(new ExportRecord
        {
            TenantId = tenantId,
            Id = "exp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            SurveyUuid = survey.Uuid,
            Format = request.Value.Format,
            Window = new ExportWindow(now, request.Value.Since, request.Value.IncludePartial),
            ByteOrderMark = request.Value.ByteOrderMark,
            CreatedAt = now,
        }, context.RequestAborted).ConfigureAwait(false);
        await queue.EnqueueAsync(tenantId, export.Id, context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.Location = $"/{ExportRoutes.Exports}/{export.Id}";
        return Results.Json(ExportViews.Export(export, now), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary><c>GET /api/exports/{id}</c>: where the job stands.</summary>
    public async Task<IResult> GetAsync(HttpContext context)
    {
        var export = await FindAsync(context).ConfigureAwait(false);
        return export.IsSuccess ? Results.Json(ExportViews.Export(export.Value, time.GetUtcNow()), ApiJson.Options) : export.Error.ToResult();
    }

    /// <summary><c>GET /api/exports/{id}/file</c>: the finished file, streamed from Blob Storage; 409 until it is finished, 410 once
    /// its retention ran out (until the purge deletes the export; then 404).</summary>
    public async Task<IResult> FileAsync(HttpContext context)
    {
        var found = await FindAsync(context).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found.Error.ToResult();
        var export = found.Value;
        if (export.IsExpired(time.GetUtcNow()))
            return Expired(export).ToResult();
        if (export.Status != ExportStatus.Succeeded)
            return ApiError.Conflict($"The export is {export.Status.ToString().ToLowerInvariant()}: its file is not ready.", "export_not_ready")
                .ToResult();
        var name = ResponseStreamEndpoint.FileName(export.SurveyUuid, export.Window.AsOf, export.Format);
        if (HttpMethods.IsHead(context.Request.Method))
            return new StreamedFile(export.Format.ContentType(), name, (_, _) => Task.CompletedTask);
        if (await files.OpenReadAsync(export.BlobName, context.RequestAborted).ConfigureAwait(false) is not { } content)
            return NotFound().ToResult();
        var file = new StreamedFile(export.Format.ContentType(), name, async (body, ct) =>
        {
            await using (content.ConfigureAwait(false))
                await content.CopyToAsync(body, ct).ConfigureAwait(false);
        });
        file.Headers[ExportQuery.AsOfHeader] = ExportQuery.Instant(export.Window.AsOf);
        file.Headers["Content-Length"] = export.Bytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return file;
    }

    private static ApiError Expired(ExportRecord export) => new(ErrorKind.Gone, "export_expired",
        $"The export's file expired at {ExportQuery.Instant(export.ExpiresAt!.Value)} and is deleted; start a new export.");

    private async Task<Outcome<ExportRecord>> FindAsync(HttpContext context)
    {
        var id = RouteIds.Get(context, "id");
        var export = id is null ? null : await store.GetAsync(context.Tenant().TenantId, id, context.RequestAborted).ConfigureAwait(false);
        return export is null ? NotFound() : export;
    }
}
