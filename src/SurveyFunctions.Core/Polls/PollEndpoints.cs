using System.Globalization;
using System.Text.Json.Serialization;
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
    private const int DefaultLimit = 50;
    private const int MaxLimit = 100;

    public async Task<IResult> ListAsync(HttpContext context)
    {
        var tenant = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!tenant.IsSuccess)
            return Fail(tenant.Error, context);
        var page = ParsePositive(context, "page", 1, 1_000_000);
        var limit = ParsePositive(context, "limit", DefaultLimit, MaxLimit);
        if (!page.IsSuccess)
            return Fail(page.Error, context);
        if (!limit.IsSuccess)
            return Fail(limit.Error, context);

        var (items, total) = await polls.ListAsync(tenant.Value.TenantId, page.Value, limit.Value, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(
            new
            {
                polls = items.Select(PollViews.Summary),
                pagination = new Pagination(page.Value, limit.Value, total, (total + limit.Value - 1) / limit.Value),
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

    internal static Outcome<int> ParsePositive(HttpContext context, string name, int fallback, int max)
    {
        var raw = context.Request.Query[name];
        if (raw.Count == 0)
            return fallback;
        if (raw.Count > 1 || !int.TryParse(raw[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1 || value > max)
            return ApiError.BadRequest($"'{name}' must be a whole number from 1 to {max}.", name);
        return value;
    }

    private static IResult Fail(ApiError error, HttpContext context) => ApiFamily.Polls.Render(error, context);

    /// <summary>The seed's pagination block; <c>totalPages</c> is camelCase there.</summary>
    private sealed record Pagination(int Page, int Limit, int Total, [property: JsonPropertyName("totalPages")] int TotalPages);
}
