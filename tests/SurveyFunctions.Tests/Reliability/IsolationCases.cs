using System.Net;
using static SurveyFunctions.Tests.Reliability.Expected;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// Tenant B ("stranger") calling every tenant-scoped endpoint on tenant A's resources. A case with no expected answers
/// is a public endpoint: B's key must get B exactly what an anonymous caller gets, nothing of the owner's view.
/// </summary>
public static class IsolationCases
{
    public static readonly Expected Unauthorized = new(HttpStatusCode.Unauthorized, "unauthorized");
    public static readonly Expected Forbidden = new(HttpStatusCode.Forbidden, "forbidden");
    private static readonly Expected InvalidToken = new(HttpStatusCode.Forbidden, "invalid_token");
    private static readonly Expected ResponseForbidden = new(HttpStatusCode.Forbidden, "forbidden");

    /// <summary>A's poll in each state: a draft, a published poll with hidden results, one with public results.</summary>
    private static readonly string[] Targets = ["{draft}", "{published}", "{second}"];

    private static readonly (string Input, string Body)[] Edits =
    [
        ("rename", """{"title":"hijacked"}"""), ("publish", """{"published":true}"""), ("unpublish", """{"published":false}"""),
        ("close", """{"closed":true}"""), ("replace options", """{"options":[{"label":"x"},{"label":"y"}]}"""),
        ("cap", """{"max_responses":1}"""), ("end now", """{"ends_at":"2001-01-01T00:00:00Z"}"""),
            ("show results", """{"show_results_before_vote":true}"""),
    ];

    public static IEnumerable<BadRequest> All()
    {
        foreach (var target in Targets)
        {
            var poll = target.Trim('{', '}');
            foreach (var (input, body) in Edits)
                yield return Stranger("PollsUpdate", $"{poll}: {input}", HttpMethod.Patch, $"/api/polls/{target}", body, PollNotFound);
            yield return Stranger("PollsDelete", poll, HttpMethod.Delete, $"/api/polls/{target}", null, PollNotFound);
            yield return Stranger("PollsVotes", poll, HttpMethod.Get, $"/api/polls/{target}/votes?limit=100", null, PollNotFound);
            foreach (var format in new[] { "csv", "ndjson" })
                yield return Stranger("PollsVotes", $"{poll} as {format}", HttpMethod.Get, $"/api/polls/{target}/votes?format={format}", null,
                    PollNotFound);
            yield return Stranger("PollsGet", poll, HttpMethod.Get, $"/api/polls/{target}", null);
            yield return Stranger("PollsResults", poll, HttpMethod.Get, $"/api/polls/{target}/results", null);
            yield return Stranger("PollsResults", $"{poll} with the owner's voter", HttpMethod.Get,
                $"/api/polls/{target}/results?fingerprint={{voter}}", null);
            yield return Stranger("PollsToken", poll, HttpMethod.Get, $"/api/polls/{target}/token", null);
            yield return Stranger("PollsVoteStatus", poll, HttpMethod.Get, $"/api/polls/{target}/vote?fingerprint={{voter}}", null);
        }

        // Surveys: every operation on A's surveys, draft and active, is not found for B.
        (string Input, string Body)[] surveyEdits =
        [
            ("rename", """{"name":"hijacked"}"""), ("settings", """{"settings":{"stop_criteria":"responses","stop_value":1}}"""),
            ("pages", """{"pages":[{"questions":[{"type":"text","question":"hijacked"}]}]}"""), ("languages", """{"languages":["fr"]}"""),
            ("invalid body", """{"name":5}"""),
        ];
        foreach (var target in new[] { "{survey}", "{activeSurvey}" })
        {
            var survey = target.Trim('{', '}');
            foreach (var (input, body) in surveyEdits)
                yield return Stranger("SurveysUpdate", $"{survey}: {input}", HttpMethod.Patch, $"/api/surveys/{target}", body, SurveyNotFound);
            yield return Stranger("SurveysGet", survey, HttpMethod.Get, $"/api/surveys/{target}", null, SurveyNotFound);
            yield return Stranger("SurveysDelete", survey, HttpMethod.Delete, $"/api/surveys/{target}", null, SurveyNotFound);
            yield return Stranger("SurveysResults", survey, HttpMethod.Get, $"/api/surveys/{target}/results", null, SurveyNotFound);
            yield return Stranger("ExportsStreamResponses", survey, HttpMethod.Get, $"/api/surveys/{target}/responses", null, SurveyNotFound);
            yield return Stranger("ExportsCreate", survey, HttpMethod.Post, $"/api/surveys/{target}/exports", """{"format":"csv"}""",
                SurveyNotFound);
            yield return Stranger("ExportsStreamResponses", $"{survey} as ndjson", HttpMethod.Get,
                $"/api/surveys/{target}/responses?format=ndjson&include_partial=true", null, SurveyNotFound);
            foreach (var action in new[] { "Start", "Pause", "Close" })
                yield return Stranger($"Surveys{action}", survey, HttpMethod.Post, $"/api/surveys/{target}/{action.ToLowerInvariant()}", null,
                    SurveyNotFound);
        }

        // Taking: A's surveys are not found with B's key, whatever token comes along; nothing is started or stored.
        const string Answers = """{"answers":[{"questionID":1,"value":3}]}""";
        foreach (var target in new[] { "{survey}", "{activeSurvey}" })
        {
            var survey = target.Trim('{', '}');
            yield return Stranger("TakeSurvey", $"{survey}, first call", HttpMethod.Get, $"/a/api/v2/surveys/{target}/take?customer_id=stranger",
                null, SurveyNotFound);
            yield return Stranger("TakeSurvey", $"{survey}, with A's session token", HttpMethod.Get, $"/a/api/v2/surveys/{target}/take", null,
                SurveyNotFound) with { SurveyToken = "{takeToken}" };
            yield return Stranger("TakeSubmitPage", $"{survey}, with A's session token", HttpMethod.Post, $"/a/api/v2/surveys/{target}/submit-page",
                Answers, SurveyNotFound) with { SurveyToken = "{takeToken}" };
            yield return Stranger("TakeSubmitPage", $"{survey}, with B's session token", HttpMethod.Post, $"/a/api/v2/surveys/{target}/submit-page",
                Answers, SurveyNotFound) with { SurveyToken = "{strangerTakeToken}" };
        }

        // Account: A's surveys, their respondent lists and A's respondent are not found for B, and neither is A's respondent
        // under B's own survey.
        foreach (var target in new[] { "{survey}", "{activeSurvey}" })
        {
            var survey = target.Trim('{', '}');
            yield return Stranger("AccountSurvey", survey, HttpMethod.Get, $"/api/account/surveys/{target}", null, AccountNotFound);
            yield return Stranger("AccountSessionsByRespondent", survey, HttpMethod.Get,
                $"/api/account/surveys/{target}/sessions-by-respondent/{{respondent}}", null, AccountNotFound);
            yield return Stranger("AccountRespondentsList", survey, HttpMethod.Get, $"/api/account/surveys/{target}/respondents/list", null,
                AccountNotFound);
        }
        yield return Stranger("AccountSessionsByRespondent", "B's survey, A's respondent", HttpMethod.Get,
            "/api/account/surveys/{strangerSurvey}/sessions-by-respondent/{respondent}", null, AccountNotFound);
        yield return Stranger("AccountRespondent", "A's respondent", HttpMethod.Get, "/api/account/respondents/{respondent}", null, AccountNotFound);
        // Survey responses: A's response is not found with B's key (whatever token comes along), B's access token opens only
        // B's response, and A's survey takes no response offered with B's key. Nothing is answered, offered or stored.
        const string Submit = """{"survey_response":{"answers":[]}}""";
        yield return Stranger("ResponsesSubmit", "A's response", HttpMethod.Post, "/api/v2/guide/survey_responses/{response}", Submit,
            ResponseNotFound);
        yield return Stranger("ResponsesSubmit", "A's response, with A's access token", HttpMethod.Post,
            "/api/v2/guide/survey_responses/{response}?access_token={responseToken}", Submit, ResponseNotFound);
        yield return Stranger("ResponsesShow", "A's response", HttpMethod.Get, "/api/v2/guide/en-us/survey_responses/{response}", null,
            ResponseNotFound);
        yield return Stranger("ResponsesShow", "A's response, with A's access token", HttpMethod.Get,
            "/api/v2/guide/en-us/survey_responses/{response}?access_token={responseToken}", null, ResponseNotFound);
        yield return new BadRequest("ResponsesSubmit", "A's response, with only B's access token", HttpMethod.Post,
            "/api/v2/guide/survey_responses/{response}?access_token={strangerResponseToken}", Caller.Public, Submit, ResponseForbidden);
        yield return new BadRequest("ResponsesShow", "A's response, with only B's access token", HttpMethod.Get,
            "/api/v2/guide/en/survey_responses/{response}?access_token={strangerResponseToken}", Caller.Public, null, ResponseForbidden);
        yield return Stranger("ResponsesForm", "A's response", HttpMethod.Get, "/hc/api/en-us/survey_responses/{response}/form", null,
            ResponseNotFound);
        yield return Stranger("ResponsesForm", "A's response, with A's access token", HttpMethod.Get,
            "/hc/api/en-us/survey_responses/{response}/form?access_token={responseToken}", null, ResponseNotFound);
        yield return new BadRequest("ResponsesForm", "A's response, with only B's access token", HttpMethod.Get,
            "/hc/api/en/survey_responses/{response}/form?access_token={strangerResponseToken}", Caller.Public, null, ResponseForbidden);
        foreach (var target in new[] { "{survey}", "{activeSurvey}" })
        {
            yield return Stranger("ResponsesCreate", $"on A's {target.Trim('{', '}')}", HttpMethod.Post, "/api/v2/guide/survey_responses",
                """{"survey_response":{"survey_id":"TARGET","responder_id":7,"subject_zrns":["zen:ticket:1"]}}""".Replace("TARGET", target, StringComparison.Ordinal), SurveyNotFound);
        }

        // Panelists: A's surveys are the documented 403 for B's key (the survey exists, under another tenant); nothing is created.
        foreach (var target in new[] { "{survey}", "{activeSurvey}" })
        {
            var survey = target.Trim('{', '}');
            yield return Stranger("GetPanelist", $"{survey}, a new panelist", HttpMethod.Get, $"/tenant/surveys/{target}/panelists/stranger-panelist",
                null, Forbidden);
            yield return Stranger("GetPanelist", $"{survey}, A's panelist", HttpMethod.Get, $"/tenant/surveys/{target}/panelists/{{panelistId}}",
                null, Forbidden);
        }
        // The panelist's side takes a panelist key only: B's API key is none, with or without A's page token.
        const string PanelistAnswers = """{"sessionToken":"{panelistToken}","answers":[{"questionID":1,"value":3}]}""";
        yield return Stranger("PanelistOpenSession", "B's API key, no panelist key", HttpMethod.Post, "/app/panelist/api/session", "{}",
            Unauthorized);
        yield return Stranger("PanelistSubmitPage", "B's API key with A's panelist page token", HttpMethod.Post, "/app/panelist/api/submit-page",
            PanelistAnswers, Unauthorized);
        yield return Stranger("PanelistDismiss", "B's API key, no panelist key", HttpMethod.Post, "/app/panelist/api/dismiss", null, Unauthorized);
        yield return Stranger("PanelistOpenSession", "B's API key as the panelist key", HttpMethod.Post, "/app/panelist/api/session", "{}",
            Unauthorized) with { PanelistKey = "{strangerApiKey}" };

        // Embed tokens name one poll: another poll's token, even the same tenant's, is refused; B's key adds nothing.
        const string Vote = """{"option_ids":["opt_2"],"_token":"TOKEN","fingerprint":"stranger-voter"}""";
        yield return Stranger("PollsVote", "published, with B's token", HttpMethod.Post, "/api/polls/{published}/vote",
            Vote.Replace("TOKEN", "{strangerToken}", StringComparison.Ordinal), InvalidToken);
        yield return Stranger("PollsVote", "published, with A's other poll's token", HttpMethod.Post, "/api/polls/{published}/vote",
            Vote.Replace("TOKEN", "{secondToken}", StringComparison.Ordinal), InvalidToken);
        yield return Stranger("PollsVote", "B's poll, with A's token", HttpMethod.Post, "/api/polls/{strangerPublished}/vote",
            Vote.Replace("TOKEN", "{token}", StringComparison.Ordinal), InvalidToken);
        yield return Stranger("PollsVote", "draft, with A's token", HttpMethod.Post, "/api/polls/{draft}/vote",
            Vote.Replace("TOKEN", "{token}", StringComparison.Ordinal), InvalidToken, new(HttpStatusCode.BadRequest, "poll_not_published"));

        // The event feed: a cursor of A's feed does not read A's feed (nor B's) with B's key. That B's own feed lists none of
        // A's events is EventFeedTests' fact.
        yield return Stranger("EventsFeed", "with A's cursor", HttpMethod.Get, "/api/events?after={eventsCursor}", null, Invalid("after"));

        // The admin surface takes the admin key only: a tenant's key, in any form, is not one.
        (string Endpoint, HttpMethod Method, string Path, string? Body)[] admin =
        [
            ("AdminCreateTenant", HttpMethod.Post, "/api/admin/tenants", """{"name":"Sneaky","plan":"enterprise"}"""),
            ("AdminGetTenant", HttpMethod.Get, "/api/admin/tenants/{tenant}", null),
            ("AdminIssueKey", HttpMethod.Post, "/api/admin/tenants/{tenant}/keys", null),
            ("AdminRevokeKey", HttpMethod.Delete, "/api/admin/tenants/{tenant}/keys/{keyId}", null),
        ];
        foreach (var (endpoint, method, path, body) in admin)
        {
            foreach (var form in new[] { "X-API-Key", "Authorization: Bearer" })
                yield return Stranger(endpoint, $"B's key as {form}", method, path, body, Unauthorized) with { AuthForm = form };
            yield return new BadRequest(endpoint, "A's own key as X-Admin-Key", method, path, Caller.OwnerKeyAsAdmin, body, Unauthorized);
        }
        // With the admin key, a key is revoked only under its own tenant.
        yield return new BadRequest("AdminRevokeKey", "A's key id under B's tenant", HttpMethod.Delete,
            "/api/admin/tenants/{strangerTenant}/keys/{keyId}", Caller.Admin, null,
            new Expected(HttpStatusCode.NotFound, "key_not_found"));
    }

    /// <summary>
    /// B's key, in every auth form, on the owner-only endpoints: not found, however the key is sent. A key in the query
    /// string is read only by the Account family (the one family whose documentation has it), so anywhere else it is no key at all: 401.
    /// </summary>
    public static IEnumerable<BadRequest> AuthForms() =>
        BadRequest.AuthForms.SelectMany(form => new[]
        {
            Stranger("PollsUpdate", $"published, key as {form}", HttpMethod.Patch, "/api/polls/{published}", """{"title":"hijacked"}""",
                OwnerOnly(form, PollNotFound)) with { AuthForm = form },
            Stranger("PollsDelete", $"published, key as {form}", HttpMethod.Delete, "/api/polls/{published}", null,
                OwnerOnly(form, PollNotFound)) with { AuthForm = form },
            Stranger("PollsVotes", $"published, key as {form}", HttpMethod.Get, "/api/polls/{published}/votes", null,
                OwnerOnly(form, PollNotFound)) with { AuthForm = form },
            Stranger("PollsGet", $"draft, key as {form}", HttpMethod.Get, "/api/polls/{draft}", null, PollNotFound) with { AuthForm = form },
            Stranger("PollsResults", $"draft, key as {form}", HttpMethod.Get, "/api/polls/{draft}/results", null,
                PollNotFound) with { AuthForm = form },
            Stranger("SurveysGet", $"survey, key as {form}", HttpMethod.Get, "/api/surveys/{survey}", null,
                OwnerOnly(form, SurveyNotFound)) with { AuthForm = form },
            Stranger("SurveysUpdate", $"survey, key as {form}", HttpMethod.Patch, "/api/surveys/{survey}", """{"name":"hijacked"}""",
                OwnerOnly(form, SurveyNotFound)) with { AuthForm = form },
            Stranger("SurveysDelete", $"survey, key as {form}", HttpMethod.Delete, "/api/surveys/{survey}", null,
                OwnerOnly(form, SurveyNotFound)) with { AuthForm = form },
            Stranger("SurveysStart", $"survey, key as {form}", HttpMethod.Post, "/api/surveys/{survey}/start", null,
                OwnerOnly(form, SurveyNotFound)) with { AuthForm = form },
            Stranger("SurveysClose", $"active survey, key as {form}", HttpMethod.Post, "/api/surveys/{activeSurvey}/close", null,
                OwnerOnly(form, SurveyNotFound)) with { AuthForm = form },
            Stranger("SurveysResults", $"active survey, key as {form}", HttpMethod.Get, "/api/surveys/{activeSurvey}/results", null,
                OwnerOnly(form, SurveyNotFound)) with { AuthForm = form },
            // Another tenant's real export id is checked in ExportJobTests (the world here has no export); an id is a point read
            // in the caller's own partition, so no id of another tenant's can be found.
            Stranger("ExportsGet", $"an export id, key as {form}", HttpMethod.Get, "/api/exports/exp_0123456789abcdef0123456789abcdef", null,
                OwnerOnly(form, ExportNotFound)) with { AuthForm = form },
            Stranger("ExportsFile", $"an export id, key as {form}", HttpMethod.Get, "/api/exports/exp_0123456789abcdef0123456789abcdef/file", null,
                OwnerOnly(form, ExportNotFound)) with { AuthForm = form },
            Stranger("ExportsStreamResponses", $"active survey, key as {form}", HttpMethod.Get, "/api/surveys/{activeSurvey}/responses", null,
                OwnerOnly(form, SurveyNotFound)) with { AuthForm = form },
            Stranger("TakeSurvey", $"active survey, key as {form}", HttpMethod.Get, "/a/api/v2/surveys/{activeSurvey}/take", null,
                OwnerOnly(form, SurveyNotFound)) with { AuthForm = form },
            Stranger("GetPanelist", $"active survey, key as {form}", HttpMethod.Get, "/tenant/surveys/{activeSurvey}/panelists/stranger-panelist",
                null, OwnerOnly(form, Forbidden)) with { AuthForm = form },
            Stranger("ResponsesCreate", $"active survey, key as {form}", HttpMethod.Post, "/api/v2/guide/survey_responses",
                """{"survey_response":{"survey_id":"{activeSurvey}","responder_id":7}}""", OwnerOnly(form, SurveyNotFound)) with { AuthForm = form },
            Stranger("ResponsesSubmit", $"A's response, key as {form}", HttpMethod.Post, "/api/v2/guide/survey_responses/{response}",
                """{"survey_response":{"answers":[]}}""", OwnerOnly(form, ResponseNotFound)) with { AuthForm = form },
            Stranger("ResponsesShow", $"A's response, key as {form}", HttpMethod.Get, "/api/v2/guide/en-us/survey_responses/{response}", null,
                OwnerOnly(form, ResponseNotFound)) with { AuthForm = form },
            Stranger("ResponsesForm", $"A's response, key as {form}", HttpMethod.Get, "/hc/api/en-us/survey_responses/{response}/form", null,
                OwnerOnly(form, ResponseNotFound)) with { AuthForm = form },
            Stranger("TakeSubmitPage", $"active survey, key as {form}", HttpMethod.Post, "/a/api/v2/surveys/{activeSurvey}/submit-page",
                """{"answers":[]}""", OwnerOnly(form, SurveyNotFound)) with { AuthForm = form, SurveyToken = "{takeToken}" },
            // The Account family reads the key in every form, ?token= included: B's key is B's, so A's data is not found.
            Stranger("AccountSurvey", $"active survey, key as {form}", HttpMethod.Get, "/api/account/surveys/{activeSurvey}", null,
                AccountNotFound) with { AuthForm = form },
            Stranger("AccountRespondentsList", $"active survey, key as {form}", HttpMethod.Get,
                "/api/account/surveys/{activeSurvey}/respondents/list", null, AccountNotFound) with { AuthForm = form },
            Stranger("AccountRespondent", $"A's respondent, key as {form}", HttpMethod.Get, "/api/account/respondents/{respondent}", null,
                AccountNotFound) with { AuthForm = form },
        });

    private static Expected OwnerOnly(string authForm, Expected? notFound = null) => authForm == "?token=" ? Unauthorized : notFound ?? PollNotFound;

    private static BadRequest Stranger(string endpoint, string input, HttpMethod method, string path, string? body, params Expected[] answers) =>
        new(endpoint, input, method, path, Caller.Stranger, body, answers);
}
