using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Paging;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Sessions.Completions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Tenants;
using SurveyFunctions.Core.Views;

namespace SurveyFunctions.Core.Account;

/// <summary>
/// The Account family (the Polling.com Account Level API): a survey, a respondent's sessions in it, a respondent with all
/// their sessions, and the respondents who finished a survey. Read-only, scoped to the caller's tenant: another tenant's
/// survey or respondent is not found. Each is a point read or single-partition queries (see
/// <see cref="SessionStore"/>, <see cref="SessionCompletions"/>).
/// </summary>
public sealed class AccountEndpoints(SurveyStore surveys, SessionStore sessions, SessionCompletions completions, SignedCursor cursors)
{
    private const string CursorList = "account-respondents";

    /// <summary>
    /// Its documentation returns a bare array and documents no paging, so a page is large: one call answers all but the biggest
    /// surveys. Beyond it, a <c>Link: &lt;…&gt;; rel="next"</c> header (RFC 8288) carries the next page's signed cursor.
    /// </summary>
    public const int MaxRespondentsPerPage = 1000;

    /// <summary><c>GET /api/account/surveys/{uuid}</c>: the survey in the shape the management API returns too.</summary>
    public async Task<IResult> GetSurveyAsync(HttpContext context)
    {
        var survey = await FindSurveyAsync(context).ConfigureAwait(false);
        return survey.IsSuccess ? Results.Json(SurveyViews.Full(survey.Value), ApiJson.Options) : survey.Error.ToResult();
    }

    /// <summary>
    /// <c>GET /api/account/surveys/{uuid}/sessions-by-respondent/{respondent_id}</c>: every session the respondent started
    /// in the survey, finished or not, oldest first. An unknown respondent is 404; a known one who never took the survey (or
    /// took it while it was anonymous, which stores no identity) gets an empty array.
    /// </summary>
    public async Task<IResult> SessionsByRespondentAsync(HttpContext context)
    {
        var survey = await FindSurveyAsync(context).ConfigureAwait(false);
        if (!survey.IsSuccess)
            return survey.Error.ToResult();
        if (RespondentId(context) is not { } externalId)
            return AccountErrors.RespondentNotFound().ToResult();

        var tenantId = context.Tenant().TenantId;
        var profile = sessions.GetRespondentAsync(tenantId, externalId, context.RequestAborted);
        var taken = sessions.ListRespondentSessionsAsync(tenantId, externalId, survey.Value.Uuid, context.RequestAborted);
        await Task.WhenAll(profile, taken).ConfigureAwait(false);
        if (await profile.ConfigureAwait(false) is null)
            return AccountErrors.RespondentNotFound().ToResult();
        var views = (await taken.ConfigureAwait(false)).OrderBy(s => s.StartedAt).ThenBy(s => s.Id)
            .Select(s => SessionViews.Session(survey.Value, s, SessionViews.SessionFields.Plain)).ToArray();
        return Results.Json(views, ApiJson.Options);
    }

    /// <summary>
    /// <c>GET /api/account/respondents/{respondent_id}</c>: the profile and every session across the tenant's surveys, oldest
    /// first, each with its <c>survey_uuid</c>. Sessions of a survey that has since been deleted are left out with it.
    /// </summary>
    public async Task<IResult> GetRespondentAsync(HttpContext context)
    {
        if (RespondentId(context) is not { } externalId)
            return AccountErrors.RespondentNotFound().ToResult();
        var tenantId = context.Tenant().TenantId;
        if (await sessions.GetRespondentWithSessionsAsync(tenantId, externalId, context.RequestAborted).ConfigureAwait(false) is not { } found)
            return AccountErrors.RespondentNotFound().ToResult();
        var (respondent, taken) = found;

        var takenSurveys = await Task.WhenAll(taken.Select(s => s.SurveyUuid).Distinct(StringComparer.Ordinal)
            .Select(uuid => surveys.GetAsync(tenantId, uuid, context.RequestAborted))).ConfigureAwait(false);
        var byUuid = takenSurveys.OfType<Survey>().ToDictionary(s => s.Uuid, StringComparer.Ordinal);
        var views = taken.Where(s => byUuid.ContainsKey(s.SurveyUuid)).OrderBy(s => s.StartedAt).ThenBy(s => s.Id)
            .Select(s => SessionViews.Session(byUuid[s.SurveyUuid], s, SessionViews.SessionFields.WithSurveyUuid)).ToArray();
        return Results.Json(AccountViews.Respondent(respondent, views), ApiJson.Options);
    }

    /// <summary>
    /// <c>GET /api/account/surveys/{uuid}/respondents/list</c>: the external ids of the respondents who finished the survey
    /// (completed or disqualified; not those who stopped half-way, nor anonymous sessions). Optional <c>limit</c> (1–1000,
    /// default 1000) and <c>cursor</c> (from the previous page's <c>Link</c> header).
    /// </summary>
    public async Task<IResult> ListRespondentsAsync(HttpContext context)
    {
        var survey = await FindSurveyAsync(context).ConfigureAwait(false);
        if (!survey.IsSuccess)
            return survey.Error.ToResult();
        var limit = Paging.ParsePositive(context, "limit", MaxRespondentsPerPage, MaxRespondentsPerPage);
        if (!limit.IsSuccess)
            return limit.Error.ToResult();
        var tenantId = context.Tenant().TenantId;
        var scope = tenantId + "|" + survey.Value.Uuid;
        var cursor = cursors.Read(context.Request.Query["cursor"].ToString(), CursorList, scope);
        if (!cursor.IsSuccess)
            return cursor.Error.ToResult();
        var from = cursor.Value is { } text ? FinishedRespondentsPosition.Parse(text) : FinishedRespondentsPosition.Start;
        if (from is null)
            return ApiError.BadRequest("'cursor' is not a cursor this endpoint returned.", "cursor").ToResult();

        var (ids, next) = await completions.ListFinishedRespondentsPageAsync(tenantId, survey.Value.Uuid, from, limit.Value,
            context.RequestAborted).ConfigureAwait(false);
        if (next is not null)
        {
            // The next page's address, without the caller's key: a key never goes into a URL we hand out.
            var nextCursor = Uri.EscapeDataString(cursors.Issue(CursorList, scope, next.Format()));
            var url = $"/api/account/surveys/{survey.Value.Uuid}/respondents/list?limit={limit.Value}&cursor={nextCursor}";
            context.Response.Headers.Link = $"<{url}>; rel=\"next\"";
        }
        return Results.Json(ids, ApiJson.Options);
    }

    /// <summary>The caller's survey named by the path's <c>{uuid}</c>; anything else (another tenant's included) is not found.</summary>
    private async Task<Outcome<Survey>> FindSurveyAsync(HttpContext context)
    {
        var uuid = RouteIds.Get(context, "uuid");
        var survey = uuid is null ? null : await surveys.GetAsync(context.Tenant().TenantId, uuid, context.RequestAborted).ConfigureAwait(false);
        return survey is null ? SurveyErrors.NotFound() : survey;
    }

    /// <summary>
    /// The path's <c>{respondent_id}</c>: an external id as the Take family accepts <c>customer_id</c> (any text up to 256
    /// characters without control characters), or null when it cannot name a respondent. It is hashed into its storage
    /// key, so no text can reach another key.
    /// </summary>
    private static string? RespondentId(HttpContext context) =>
        context.Request.RouteValues["respondent_id"] is string id && id.Length is > 0 and <= Respondent.MaxExternalIdLength
            && !JsonFields.HasControlCharacters(id)
            ? id
            : null;
}
