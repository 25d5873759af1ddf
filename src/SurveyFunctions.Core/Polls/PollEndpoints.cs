using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Paging;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Polls;

/// <summary>Poll management: list, create, read, update, delete (the Polls API). Owner-only except reading a published poll.</summary>
public sealed class PollEndpoints(
    PollStore polls,
    PollAccess access,
    PollTally tally,
    IOptions<SurveyFunctionsOptions> options,
    TimeProvider time)
{
    public async Task<IResult> ListAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var paging = Paging.Read(context);
        if (!paging.IsSuccess)
            return paging.Error.ToResult();
        var (page, limit) = paging.Value;

        var (items, total) = await polls.ListAsync(tenant.TenantId, page, limit, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new PollViews.ListView(items, Paging.Pagination.Of(page, limit, total)),
            ApiJson.Options);
    }

    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();

        var parsed = PollInput.ParseCreate(body.Value, RandomIds.New("poll"), tenant.TenantId, RandomIds.Alphanumeric(24), options.Value.VoteShards,
            time.GetUtcNow());
        if (!parsed.IsSuccess)
            return parsed.Error.ToResult();
        var created = await polls.CreateAsync(parsed.Value, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(PollViews.Full(created), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var visible = await access.GetVisibleAsync(context, cached: false).ConfigureAwait(false);
        return visible.IsSuccess ? Results.Json(PollViews.Full(visible.Value.Poll), ApiJson.Options) : visible.Error.ToResult();
    }

    public async Task<IResult> PatchAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        // Not-found before body problems, so another tenant learns nothing about the poll from its answer.
        var owned = await access.GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return owned.Error.ToResult();
        if (!body.IsSuccess)
            return body.Error.ToResult();

        var poll = owned.Value.Poll;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var counts = await tally.ReadAsync(poll, context.RequestAborted).ConfigureAwait(false);
            var patched = PollInput.ApplyPatch(poll, body.Value, counts, time.GetUtcNow());
            if (!patched.IsSuccess)
                return patched.Error.ToResult();
            var saved = await polls.ReplaceAsync(poll, patched.Value, context.RequestAborted).ConfigureAwait(false);
            if (saved is not null)
                return Results.Json(PollViews.Full(saved), ApiJson.Options);
            // Lost a race with another edit or a close: apply the patch to the current poll.
            var current = await polls.GetAsync(poll.Id, context.RequestAborted).ConfigureAwait(false);
            if (current is null)
                return PollErrors.NotFound().ToResult();
            poll = current;
        }
        return ApiError.Conflict("The poll is being changed concurrently; retry.").ToResult();
    }

    public async Task<IResult> DeleteAsync(HttpContext context)
    {
        var owned = await access.GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return owned.Error.ToResult();
        await polls.DeleteAsync(owned.Value.Poll, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { success = true }, ApiJson.Options);
    }

}
