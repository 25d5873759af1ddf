using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Take;

/// <summary>
/// The Take family (the QuestionPro survey-taking API): <c>GET /a/api/v2/surveys/{survey-id}/take</c> and
/// <c>POST …/submit-page</c> with the <c>api-key</c> header; <c>{survey-id}</c> is the survey's integer id or its uuid.
/// The session travels in <c>x-survey-token</c>; a visitor token (handed out with a refusal) holds no session. Thin: the
/// key is checked at the edge, the request is read here, the taking itself is <see cref="SessionStarter"/> and
/// <see cref="PageSubmitter"/>. HTTP errors (401 key, 404 survey, 400 request) use the QuestionPro documentation's error
/// envelope; everything about the session is a <c>response.status</c> with 200.
/// </summary>
public sealed class TakeEndpoints(
    SurveyStore surveys,
    SessionStarter starter,
    PageSubmitter pages,
    TakingAvailability availability,
    SessionTokens tokens,
    TakeReplies replies)
{
    public async Task<IResult> TakeAsync(HttpContext context)
    {
        var survey = await LoadSurveyAsync(context).ConfigureAwait(false);
        if (!survey.IsSuccess)
            return survey.Error.ToResult();
        var query = TakeQuery.Read(context.Request);
        if (!query.IsSuccess)
            return query.Error.ToResult();

        var token = PresentedToken(context.Request);
        TakingOutcome outcome;
        if (token is null || tokens.IsVisitor(token, survey.Value))
        {
            outcome = await starter.StartAsync(survey.Value, query.Value.Start, context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            if (tokens.Read(token, survey.Value) is not { } position)
                return replies.StatusOnly(TakingStatuses.AuthenticationRequired, survey.Value, context);
            outcome = await starter.ResumeAsync(survey.Value, position.Session, query.Value.Page, context.RequestAborted).ConfigureAwait(false);
        }
        return replies.Render(outcome, survey.Value, context);
    }

    public async Task<IResult> SubmitPageAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        // The survey first (the key was checked at the edge), so a caller learns nothing about another tenant's from its body.
        var survey = await LoadSurveyAsync(context).ConfigureAwait(false);
        if (!survey.IsSuccess)
            return survey.Error.ToResult();
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var submission = PageSubmissionBody.Parse(body.Value);
        if (!submission.IsSuccess)
            return submission.Error.ToResult();

        var token = PresentedToken(context.Request);
        if (tokens.Read(token, survey.Value) is not { } position)
            return await NoSessionAsync(token, survey.Value, context).ConfigureAwait(false);
        var outcome = await pages.SubmitAsync(survey.Value, position, submission.Value, context.RequestAborted).ConfigureAwait(false);
        return replies.Render(outcome, survey.Value, context);
    }

    /// <summary>
    /// A submission without a session. A client that echoes the visitor token it got with <c>survey_closed</c>,
    /// <c>survey_paused</c> or <c>quota_full</c>, as the QuestionPro docs tell it to, hears that state again while the survey
    /// still refuses; anything else (no token, a bad one, a visitor token once the survey runs) has no session to submit to.
    /// </summary>
    private async Task<IResult> NoSessionAsync(string? token, Survey survey, HttpContext context)
    {
        if (tokens.IsVisitor(token, survey) &&
            await availability.NowAsync(survey, context.RequestAborted).ConfigureAwait(false) is var state && state != SurveyAvailability.Open)
        {
            return replies.Render(TakingOutcome.Unavailable(state), survey, context);
        }
        return replies.StatusOnly(TakingStatuses.AuthenticationRequired, survey, context);
    }

    /// <summary>The caller's tenant's survey named by the path, or 404 (no such survey for this tenant).</summary>
    private async Task<Outcome<Survey>> LoadSurveyAsync(HttpContext context)
    {
        var id = RouteIds.Get(context, "surveyId");
        var survey = id is null ? null : await surveys.FindAsync(context.Tenant().TenantId, id, context.RequestAborted).ConfigureAwait(false);
        return survey is null ? SurveyErrors.NotFound() : survey;
    }

    /// <summary>The <c>x-survey-token</c> header: null when absent or blank (a first call); sent twice it is no token anyone issued.</summary>
    private static string? PresentedToken(HttpRequest request)
    {
        var values = request.Headers[SessionTokens.Header];
        if (values.Count == 0 || (values.Count == 1 && string.IsNullOrWhiteSpace(values[0])))
            return null;
        return values.Count == 1 ? values[0]!.Trim() : "(more than one)";
    }
}
