using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Polls.Voting;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Polls;

/// <summary>Poll management: list, create, read, update, delete (Polls seed). Owner-only except reading a published poll.</summary>
public sealed class PollEndpoints(
    PollStore polls,
    PollAccess access,
    PollTally tally,
    ApiKeyAuthenticator authenticator,
    IOptions<SurveyFunctionsOptions> options,
    TimeProvider time)
{
    public async Task<IResult> ListAsync(HttpContext context)
    {
        var tenant = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!tenant.IsSuccess)
            return Fail(tenant.Error, context);
        var paging = Paging.Read(context);
        if (!paging.IsSuccess)
            return Fail(paging.Error, context);
        var (page, limit) = paging.Value;

        var (items, total) = await polls.ListAsync(tenant.Value.TenantId, page, limit, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(
            new
            {
                polls = items.Select(PollViews.Summary),
                pagination = Paging.Pagination.Of(page, limit, total),
            },
            ApiJson.Options);
    }

    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var tenant = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!tenant.IsSuccess)
            return Fail(tenant.Error, context);
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return Fail(body.Error, context);

        var parsed = PollInput.ParseCreate(body.Value, RandomIds.New("poll"), tenant.Value.TenantId, RandomIds.Alphanumeric(24), options.Value.VoteShards, time.GetUtcNow());
        if (!parsed.IsSuccess)
            return Fail(parsed.Error, context);
        var created = await polls.CreateAsync(parsed.Value, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(PollViews.Full(created), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var visible = await access.GetVisibleAsync(context, cached: false).ConfigureAwait(false);
        return visible.IsSuccess ? Results.Json(PollViews.Full(visible.Value.Poll), ApiJson.Options) : Fail(visible.Error, context);
    }

    public async Task<IResult> PatchAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        // Authenticate before reporting body problems, so an anonymous caller learns nothing.
        var owned = await access.GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return Fail(owned.Error, context);
        if (!body.IsSuccess)
            return Fail(body.Error, context);

        var poll = owned.Value.Poll;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var counts = await tally.ReadAsync(poll, context.RequestAborted).ConfigureAwait(false);
            var patched = PollInput.ApplyPatch(poll, body.Value, counts, time.GetUtcNow());
            if (!patched.IsSuccess)
                return Fail(patched.Error, context);
            var saved = await polls.ReplaceAsync(patched.Value, context.RequestAborted).ConfigureAwait(false);
            if (saved is not null)
                return Results.Json(PollViews.Full(saved), ApiJson.Options);
            // Lost a race with another edit or a close: apply the patch to the current poll.
            var current = await polls.GetAsync(poll.Id, context.RequestAborted).ConfigureAwait(false);
            if (current is null)
                return Fail(PollErrors.NotFound(), context);
            poll = current;
        }
        return Fail(ApiError.Conflict("The poll is being changed concurrently; retry."), context);
    }

    public async Task<IResult> DeleteAsync(HttpContext context)
    {
        var owned = await access.GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return Fail(owned.Error, context);
        await polls.DeleteAsync(owned.Value.Poll, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { success = true }, ApiJson.Options);
    }

    private static IResult Fail(ApiError error, HttpContext context) => ApiFamily.Polls.Render(error, context);
}
