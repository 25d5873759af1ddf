using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Security;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Responses;

/// <summary>
/// The Responses family (Zendesk's Help Center survey responses API): create a response offered to a responder (its links carry an
/// <c>access_token</c>),
/// submit its answers (again to change them), list responses with filters and signed cursors (<see cref="ResponseListing"/>), and read one with its
/// questions translated. Creating and answering go through the one taking flow (<see cref="SessionStarter.OfferAsync"/>,
/// <see cref="WholeSurveySubmitter"/>): a response is
/// a session of the shared domain, so it counts in completions and shows in the Account family.
/// </summary>
public sealed class ResponseEndpoints(
    SurveyStore surveys,
    SessionStore sessions,
    SessionDefinitions definitions,
    SessionStarter starter,
    WholeSurveySubmitter wholeSurvey,
    ResponseStore responses,
    ResponseTokens tokens,
    ResponseListing listing,
    UlidGenerator ulids,
    TimeProvider time)
{
    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var offer = ResponseInput.ParseOffer(body.Value);
        if (!offer.IsSuccess)
            return offer.Error.ToResult();

        var tenantId = context.Tenant().TenantId;
        var survey = IsSurveyId(offer.Value.SurveyId)
            ? await surveys.FindAsync(tenantId, offer.Value.SurveyId, context.RequestAborted).ConfigureAwait(false)
            : null;
        if (survey is null)
            return ResponseErrors.SurveyNotFound().ToResult();

        var hidden = HiddenFieldValues.FromJson(offer.Value.HiddenFields, "hidden_fields", survey);
        if (!hidden.IsSuccess)
            return hidden.Error.ToResult();
        var locale = (offer.Value.Locale ?? survey.DefaultLanguage).ToLowerInvariant();
        var outcome = await starter.OfferAsync(survey, ResponderKey(offer.Value.ResponderId), locale, hidden.Value, context.RequestAborted)
            .ConfigureAwait(false);
        if (outcome.State != TakingState.Page || outcome.Session is null)
            return ResponseErrors.SurveyDisabled().ToResult();

        var now = time.GetUtcNow();
        var response = new SurveyResponse
        {
            TenantId = tenantId,
            Id = ulids.Next(),
            SurveyUuid = survey.Uuid,
            Session = outcome.Session.Locator,
            ResponderId = offer.Value.ResponderId,
            SubjectZrns = offer.Value.SubjectZrns,
            Locale = locale,
            CreatedAt = now,
            ExpiresAt = now + ResponseTokens.Lifetime,
        };
        // The session exists first; should this write fail, it stays an unfinished session no response points to.
        await responses.CreateAsync(response, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(new ResponseViews.Wrapped<ResponseViews.CreatedView>(ResponseViews.Created(response, survey, tokens.Issue(response))),
            ApiJson.Options);
    }

    public async Task<IResult> SubmitAsync(HttpContext context)
    {
        var found = await FindAsync(context).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found.Error.ToResult();
        var (response, survey) = found.Value;
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var submission = ResponseInput.ParseSubmission(body.Value);
        if (!submission.IsSuccess)
            return submission.Error.ToResult();
        if (time.GetUtcNow() >= response.ExpiresAt)
            return ResponseErrors.Expired().ToResult();
        foreach (var answer in submission.Value.Answers)
        {
            if (survey.FindQuestion(answer.QuestionId) is { } question && answer.Type != ResponseInput.Skipped &&
                answer.Type != ResponseViews.AnswerTypeFor(question.Type))
            {
                return ApiError.BadRequest(
                    $"Question {WireIds.Of(question.Id)} is answered with type {ResponseViews.AnswerTypeFor(question.Type)} (or skipped), not " +
                    $"{answer.Type}.", "answers").ToResult();
            }
        }

        var outcome = await wholeSurvey.SubmitAsync(survey, response.Session, submission.Value.Answers.Select(a => a.Answer).ToArray(),
            submission.Value.Locale, context.RequestAborted).ConfigureAwait(false);
        return outcome.State switch
        {
            TakingState.Completed or TakingState.Disqualified => Reply(response, outcome.Session, outcome.Definition ?? survey, null),
            TakingState.ValidationFailed => ApiError.BadRequest(string.Join(" ", (outcome.Errors ?? []).Select(e => e.Message)),
                "answers").ToResult(),
            TakingState.SessionNotFound => ResponseErrors.ResponseNotFound().ToResult(),
            _ => ResponseErrors.SurveyDisabled().ToResult(),
        };
    }

    public async Task<IResult> ShowAsync(HttpContext context)
    {
        var loaded = await LoadInLocaleAsync(context).ConfigureAwait(false);
        if (!loaded.IsSuccess)
            return loaded.Error.ToResult();
        var (response, session, survey, locale) = loaded.Value;
        return Reply(response, session, survey, locale);
    }

    /// <summary>The response page's read (<see cref="ResponseFormView"/>): the survey as a form, with the response's answers.</summary>
    public async Task<IResult> FormAsync(HttpContext context)
    {
        var loaded = await LoadInLocaleAsync(context).ConfigureAwait(false);
        if (!loaded.IsSuccess)
            return loaded.Error.ToResult();
        var (response, session, survey, locale) = loaded.Value;
        return Results.Json(ResponseFormView.Of(response, session, survey, time.GetUtcNow(), locale), ApiJson.Options);
    }

    /// <summary>The reads' common start: the path's locale (lower case), the response the caller may see, its survey and session.</summary>
    private async Task<Outcome<(SurveyResponse Response, SurveySession? Session, Survey Survey, string Locale)>> LoadInLocaleAsync(
        HttpContext context)
    {
        var locale = context.Request.RouteValues["locale"] as string;
        if (!ResponseInput.IsLocale(locale))
            return ApiError.BadRequest("The locale in the path must be a locale such as en-us or de.", "locale");
        var found = await FindAsync(context).ConfigureAwait(false);
        if (!found.IsSuccess)
            return found.Error;
        var (response, survey) = found.Value;
        var session = await sessions.GetAsync(response.Session, context.RequestAborted).ConfigureAwait(false);
        // The response is read, and its form shown, in the definition its session follows.
        if (session is not null)
            survey = await definitions.ForAsync(survey, session, context.RequestAborted).ConfigureAwait(false);
        return (response, session, survey, locale!.ToLowerInvariant());
    }

    public async Task<IResult> ListAsync(HttpContext context)
    {
        var query = ResponseListQuery.Read(context.Request);
        if (!query.IsSuccess)
            return query.Error.ToResult();
        var tenantId = context.Tenant().TenantId;
        var listed = await listing.ListAsync(tenantId, query.Value, context.RequestAborted).ConfigureAwait(false);
        if (!listed.IsSuccess)
            return listed.Error.ToResult();
        var page = listed.Value.Responses;

        var now = time.GetUtcNow();
        // A page's responses mostly share a few surveys: each is read once, each session once, all side by side.
        var surveysById = page.Select(r => r.SurveyUuid).Distinct(StringComparer.Ordinal)
            .ToDictionary(uuid => uuid, uuid => surveys.GetAsync(tenantId, uuid, context.RequestAborted), StringComparer.Ordinal);
        var views = await Task.WhenAll(page.Select(r => ViewAsync(r, surveysById[r.SurveyUuid], now, context.RequestAborted))).ConfigureAwait(false);
        var meta = new ResponseViews.ListMeta(listed.Value.AfterCursor, listed.Value.BeforeCursor, listed.Value.HasMore);
        return Results.Json(new ResponseViews.ListView(meta, views.OfType<ResponseViews.ResponseView>().ToArray()), ApiJson.Options);
    }

    /// <summary>A listed response with its answers; null when its survey has been deleted since (it is then left out).</summary>
    private async Task<ResponseViews.ResponseView?> ViewAsync(SurveyResponse response, Task<Survey?> surveyRead, DateTimeOffset now,
        CancellationToken ct)
    {
        var survey = await surveyRead.ConfigureAwait(false);
        if (survey is null)
            return null;
        var session = await sessions.GetAsync(response.Session, ct).ConfigureAwait(false);
        return ResponseViews.Response(response, session, survey, now);
    }

    /// <summary>
    /// The response the path names and its survey, for the tenant of the API key, or else of the <c>access_token</c> in the
    /// query (both checked at the edge, <see cref="ResponseAccess"/>): 404 for no such response.
    /// </summary>
    private async Task<Outcome<(SurveyResponse Response, Survey Survey)>> FindAsync(HttpContext context)
    {
        var id = RouteIds.Get(context, "id");
        // The edge authenticated one of the two (EndpointAuth.TenantOrAccessToken): the tenant's key, or the response's token.
        var tenantId = context.TenantOrNull()?.TenantId ?? ResponseAccess.TenantOf(context)
            ?? throw new InvalidOperationException("This endpoint is not declared EndpointAuth.TenantOrAccessToken.");
        if (!Ulids.IsValid(id))
            return ResponseErrors.ResponseNotFound();
        var response = await responses.GetAsync(tenantId, id!, context.RequestAborted).ConfigureAwait(false);
        if (response is null)
            return ResponseErrors.ResponseNotFound();
        var survey = await surveys.GetAsync(tenantId, response.SurveyUuid, context.RequestAborted).ConfigureAwait(false);
        return survey is null ? ResponseErrors.SurveyNotFound() : (response, survey);
    }

    private IResult Reply(SurveyResponse response, SurveySession? session, Survey survey, string? locale) =>
        Results.Json(
            new ResponseViews.Wrapped<ResponseViews.ResponseView>(ResponseViews.Response(response, session, survey, time.GetUtcNow(), locale)),
            ApiJson.Options);

    /// <summary>The respondent external id of a responder: the id's decimal form, the same key the Account family shows.</summary>
    private static string ResponderKey(long responderId) => WireIds.Of(responderId);

    /// <summary>A survey uuid or integer id: letters, digits and '-' only (anything else names no survey).</summary>
    private static bool IsSurveyId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
