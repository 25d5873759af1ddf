using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Sessions;
using SurveyFunctions.Core.Surveys;
using SurveyFunctions.Core.Taking;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// The panelist's side, on the public key in the <c>X-Panelist-Key</c> header, checked at the edge (<see cref="PanelistAccess"/>):
/// open the survey (start or continue a session), submit the shown page, dismiss. Taking goes through the one taking flow
/// (<see cref="SessionStarter"/>, <see cref="PageSubmitter"/>) with the panelist id as the respondent's external id, so a panelist's sessions are the
/// Account family's and the results' like any other; the page's token is the Take family's session token.
/// </summary>
public sealed class PanelistResponseEndpoints(
    PanelistStore panelists,
    SessionStarter starter,
    PageSubmitter pages,
    SessionStore sessions,
    SessionTokens tokens,
    PanelistReplies replies,
    TimeProvider time)
{
    public async Task<IResult> OpenAsync(HttpContext context)
    {
        var body = await OptionalBodyAsync(context).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var (panelist, survey) = PanelistAccess.Of(context);
        var language = Language(body.Value);
        if (!language.IsSuccess)
            return language.Error.ToResult();
        var hidden = HiddenFieldValues.FromQuery(context.Request.Query);
        if (!hidden.IsSuccess)
            return hidden.Error.ToResult();

        var ct = context.RequestAborted;
        TakingOutcome outcome;
        if (await CurrentSessionAsync(panelist, survey, ct).ConfigureAwait(false) is { } current)
        {
            outcome = await starter.ResumeAsync(survey, current, null, ct).ConfigureAwait(false);
        }
        else if (panelist.HasResponded && !survey.Settings.AllowMultipleResponses)
        {
            // On anonymous surveys the flow cannot know the panelist finished; the panelist's record does.
            outcome = new TakingOutcome(TakingState.AlreadyCompleted);
        }
        else
        {
            var details = new RespondentDetails(null, UserAgents.IsMobile(context.Request.Headers.UserAgent), null, null, null, null, null);
            var start = new SessionStart(panelist.PanelistId, language.Value, details) { HiddenFields = hidden.Value };
            outcome = await starter.StartAsync(survey, start, ct).ConfigureAwait(false);
        }
        panelist = await RecordAsync(panelist, outcome, ct).ConfigureAwait(false);
        return await replies.RenderAsync(outcome, survey, panelist, ct).ConfigureAwait(false);
    }

    public async Task<IResult> SubmitPageAsync(HttpContext context)
    {
        var (panelist, survey) = PanelistAccess.Of(context);
        var body = await JsonBody.ReadObjectAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!body.IsSuccess)
            return body.Error.ToResult();
        var submission = PageSubmissionBody.Parse(body.Value, "sessionToken");
        if (!submission.IsSuccess)
            return submission.Error.ToResult();
        if (!body.Value.TryGetProperty("sessionToken", out var tokenJson) || tokenJson.ValueKind != JsonValueKind.String)
            return ApiError.BadRequest("'sessionToken' is required: the token of the page being submitted, as the last reply gave it.",
                "sessionToken").ToResult();

        var ct = context.RequestAborted;
        // The token must be this survey's and name this panelist's session: a panelist cannot submit into anyone else's.
        var position = tokens.Read(tokenJson.GetString(), survey);
        TakingOutcome outcome = position is null || position.Session.SessionId != panelist.CurrentSessionId
            ? new TakingOutcome(TakingState.SessionNotFound)
            : await pages.SubmitAsync(survey, position, submission.Value, ct).ConfigureAwait(false);
        panelist = await RecordAsync(panelist, outcome, ct).ConfigureAwait(false);
        return await replies.RenderAsync(outcome, survey, panelist, ct).ConfigureAwait(false);
    }

    public async Task<IResult> DismissAsync(HttpContext context)
    {
        var (panelist, survey) = PanelistAccess.Of(context);
        var now = time.GetUtcNow();
        panelist = await panelists.UpdateAsync(panelist, p => p with { DismissedMostRecentAt = now }, context.RequestAborted).ConfigureAwait(false);
        return await replies.RenderAsync(new TakingOutcome(TakingState.Unavailable), survey, panelist, context.RequestAborted,
            PanelistReplies.Dismissed).ConfigureAwait(false);
    }

    /// <summary>The panelist's latest session while it is unfinished (to continue it), else null (a new one may start).</summary>
    private async Task<SessionLocator?> CurrentSessionAsync(Panelist panelist, Survey survey, CancellationToken ct)
    {
        if (panelist.CurrentSessionId is not { } id)
            return null;
        var locator = new SessionLocator(panelist.TenantId, survey.Uuid, id, panelist.CurrentSessionRespondentKey);
        var session = await sessions.GetAsync(locator, ct).ConfigureAwait(false);
        return session is { IsCompleted: false } ? locator : null;
    }

    /// <summary>
    /// What the call did to the panelist's record: activity times, a new session counted and remembered, a finish noted.
    /// Written after the taking flow's own write; should it be lost, the next call repairs it (the session is found again,
    /// and on surveys that know respondents <see cref="PanelistState"/> reads finishes from the sessions themselves).
    /// </summary>
    private async Task<Panelist> RecordAsync(Panelist panelist, TakingOutcome outcome, CancellationToken ct)
    {
        var session = outcome.Session;
        var finished = outcome.State is TakingState.Completed or TakingState.Disqualified or TakingState.AlreadyCompleted or TakingState.Redirect;
        if (session is null && !finished)
            return panelist;
        var now = time.GetUtcNow();
        return await panelists.UpdateAsync(panelist, p =>
        {
            var isNew = session is not null && session.Id != p.CurrentSessionId;
            return p with
            {
                SessionCount = isNew ? p.SessionCount + 1 : p.SessionCount,
                CurrentSessionId = session?.Id ?? p.CurrentSessionId,
                CurrentSessionRespondentKey = session is null ? p.CurrentSessionRespondentKey : session.Locator.RespondentKey,
                ActivityStartedAt = p.ActivityStartedAt ?? now,
                ActivityMostRecentAt = now,
                HasResponded = p.HasResponded || finished,
            };
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The open call's optional <c>language</c>: one of the survey's languages for a new session (else its default).</summary>
    private static Outcome<string?> Language(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
            return (string?)null;
        // Like every body: a misspelt field ("lang") is refused, not taken for a call without a language.
        var fields = new JsonFields(body);
        fields.RejectUnknown(OpenFields);
        if (fields.Error is { } unknown)
            return unknown;
        if (!body.TryGetProperty("language", out var json) || json.ValueKind == JsonValueKind.Null)
            return (string?)null;
        return json.ValueKind == JsonValueKind.String && SurveyLanguages.IsLanguageCode(json.GetString()!)
            ? json.GetString()
            : ApiError.BadRequest("'language' must be a language code such as 'en' or 'es-MX'.", "language");
    }

    /// <summary>What the open call's body may carry.</summary>
    internal static readonly string[] OpenFields = ["language"];

    /// <summary>The open call's body is optional (<c>{"language": "es"}</c>); an absent one is an empty object.</summary>
    private static async Task<Outcome<JsonElement>> OptionalBodyAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is null or 0 && request.ContentType is null)
            return default(JsonElement);
        return await JsonBody.ReadObjectAsync(request, context.RequestAborted).ConfigureAwait(false);
    }
}
