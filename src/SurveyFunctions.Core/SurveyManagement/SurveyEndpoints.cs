using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Paging;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.SurveyPurge;
using SurveyFunctions.Core.SurveyResults;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Tenants;
using SurveyFunctions.Core.Views;

namespace SurveyFunctions.Core.SurveyManagement;

/// <summary>
/// Survey management (our own API, not modelled on a public one): list, create, read, edit, delete, start, pause,
/// close, results. API key; errors in the
/// Polls/platform envelope (<c>survey_not_found</c> 404, <c>validation_error</c> 400, <c>invalid_state</c> 409). Every survey
/// returned has the Polling.com Account Level API's shape (<see cref="SurveyViews"/>).
/// </summary>
public sealed class SurveyEndpoints(SurveyStore surveys, SurveyAssembler assembler, SurveyTally tally, SurveyDeletion deletion, TimeProvider time)
{
    public async Task<IResult> ListAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var paging = Paging.Read(context);
        if (!paging.IsSuccess)
            return paging.Error.ToResult();
        var (page, limit) = paging.Value;

        var (items, total) = await surveys.ListAsync(tenant.TenantId, page, limit, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new SurveyListView(items.Select(SurveyViews.Full).ToArray(), Paging.Pagination.Of(page, limit, total)), ApiJson.Options);
    }

    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var draft = SurveyInput.ParseCreate(body.Value);
        if (!draft.IsSuccess)
            return draft.Error.ToResult();

        var survey = await assembler.CreateAsync(tenant.TenantId, draft.Value, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        if (!survey.IsSuccess)
            return survey.Error.ToResult();
        var created = await surveys.CreateAsync(survey.Value, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(SurveyViews.Full(created), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    public async Task<IResult> GetAsync(HttpContext context)
    {
        var owned = await GetOwnedAsync(context).ConfigureAwait(false);
        return owned.IsSuccess ? Results.Json(SurveyViews.Full(owned.Value.Survey), ApiJson.Options) : owned.Error.ToResult();
    }

    /// <summary>Edits with If-Match; a lost race re-reads and re-applies the same body to what is stored now.</summary>
    public async Task<IResult> PatchAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        // Find the survey before reporting body problems, so another tenant learns nothing from them.
        var owned = await GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return owned.Error.ToResult();
        if (!body.IsSuccess)
            return body.Error.ToResult();

        var (survey, tenant) = owned.Value;
        var updated = await surveys.UpdateAsync(tenant.TenantId, survey.Uuid, async current =>
        {
            var draft = SurveyInput.ParsePatch(current, body.Value);
            if (!draft.IsSuccess)
                return draft.Error;
            return await assembler.ApplyAsync(current, draft.Value, time.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        }, context.RequestAborted).ConfigureAwait(false);
        return Reply(updated);
    }

    /// <summary>
    /// Deletes the survey at once (every family answers "not found" from here on) and queues the purge of what it collected
    /// (<see cref="SurveyPurger"/>), which finishes within minutes. A second delete finds no survey: 404.
    /// </summary>
    public async Task<IResult> DeleteAsync(HttpContext context)
    {
        var owned = await GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return owned.Error.ToResult();
        await deletion.DeleteAsync(owned.Value.Survey, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new { success = true }, ApiJson.Options);
    }

    /// <summary>The counted answers of completed sessions, per question (<see cref="SurveyResultsViews"/>).</summary>
    public async Task<IResult> ResultsAsync(HttpContext context)
    {
        var owned = await GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return owned.Error.ToResult();
        var counts = await tally.ReadAsync(owned.Value.Survey, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(SurveyResultsViews.Results(owned.Value.Survey, counts), ApiJson.Options);
    }

    public Task<IResult> StartAsync(HttpContext context) => TransitionAsync(context, SurveyRules.Start);

    public Task<IResult> PauseAsync(HttpContext context) => TransitionAsync(context, SurveyRules.Pause);

    public Task<IResult> CloseAsync(HttpContext context) => TransitionAsync(context, (survey, now) => SurveyRules.Close(survey, now));

    private async Task<IResult> TransitionAsync(HttpContext context, Func<Survey, DateTimeOffset, Outcome<Survey>> transition)
    {
        var owned = await GetOwnedAsync(context).ConfigureAwait(false);
        if (!owned.IsSuccess)
            return owned.Error.ToResult();
        var (survey, tenant) = owned.Value;
        var updated = await surveys.UpdateAsync(
            tenant.TenantId, survey.Uuid, current => Task.FromResult(transition(current, time.GetUtcNow())),
                context.RequestAborted).ConfigureAwait(false);
        return Reply(updated);
    }

    /// <summary>The caller's own survey named by the path's <c>{uuid}</c>; anything else (another tenant's included) is not found.</summary>
    private async Task<Outcome<(Survey Survey, TenantContext Tenant)>> GetOwnedAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var uuid = RouteIds.Get(context, "uuid");
        var survey = uuid is null ? null : await surveys.GetAsync(tenant.TenantId, uuid, context.RequestAborted).ConfigureAwait(false);
        return survey is null ? SurveyErrors.NotFound() : (survey, tenant);
    }

    private static IResult Reply(Outcome<Survey> outcome) =>
        outcome.IsSuccess ? Results.Json(SurveyViews.Full(outcome.Value), ApiJson.Options) : outcome.Error.ToResult();

}

public sealed record SurveyListView(IReadOnlyList<SurveyViews.SurveyView> Surveys, Paging.Pagination Pagination);
