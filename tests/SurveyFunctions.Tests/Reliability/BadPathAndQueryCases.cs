using System.Buffers.Text;
using System.Net;
using System.Text;
using SurveyFunctions.Core.Composition;
using static SurveyFunctions.Tests.Reliability.Expected;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// Junk ids in every path parameter of the route table, and junk query parameters where an endpoint reads them. Ids are
/// given as the exact text of the URL segment (so "%27" is a quote and "%2527" is the three characters "%27").
/// </summary>
public static class BadPathAndQueryCases
{
    /// <summary>Each path-parameter endpoint: how to call it with <c>{id}</c> standing for the junk, and its not-found answer.</summary>
    private static readonly (string Endpoint, string Parameter, HttpMethod Method, string Path, Caller Caller, string? Body,
        Expected NotFound)[] PathEndpoints =
    [
        ("PollsGet", "id", HttpMethod.Get, "/api/polls/{id}", Caller.Owner, null, PollNotFound),
        ("PollsUpdate", "id", HttpMethod.Patch, "/api/polls/{id}", Caller.Owner, """{"title":"renamed"}""", PollNotFound),
        ("PollsDelete", "id", HttpMethod.Delete, "/api/polls/{id}", Caller.Owner, null, PollNotFound),
        ("PollsToken", "id", HttpMethod.Get, "/api/polls/{id}/token", Caller.Public, null, PollNotFound),
        ("PollsVoteStatus", "id", HttpMethod.Get, "/api/polls/{id}/vote?fingerprint=fp", Caller.Public, null, PollNotFound),
        ("PollsVote", "id", HttpMethod.Post, "/api/polls/{id}/vote", Caller.Public,
            """{"option_ids":["opt_1"],"_token":"{token}","fingerprint":"junk-id-voter"}""", PollNotFound),
        ("PollsResults", "id", HttpMethod.Get, "/api/polls/{id}/results", Caller.Owner, null, PollNotFound),
        ("PollsVotes", "id", HttpMethod.Get, "/api/polls/{id}/votes", Caller.Owner, null, PollNotFound),
        ("SurveysGet", "uuid", HttpMethod.Get, "/api/surveys/{id}", Caller.Owner, null, SurveyNotFound),
        ("TakeSurvey", "surveyId", HttpMethod.Get, "/a/api/v2/surveys/{id}/take", Caller.Owner, null, SurveyNotFound),
        ("TakeSubmitPage", "surveyId", HttpMethod.Post, "/a/api/v2/surveys/{id}/submit-page", Caller.Owner, """{"answers":[]}""", SurveyNotFound),
        ("SurveysUpdate", "uuid", HttpMethod.Patch, "/api/surveys/{id}", Caller.Owner, """{"name":"renamed"}""", SurveyNotFound),
        ("GetPanelist", "surveyId", HttpMethod.Get, "/tenant/surveys/{id}/panelists/junk-id-panelist", Caller.Owner, null, SurveyNotFound),
        ("SurveysDelete", "uuid", HttpMethod.Delete, "/api/surveys/{id}", Caller.Owner, null, SurveyNotFound),
        ("SurveysStart", "uuid", HttpMethod.Post, "/api/surveys/{id}/start", Caller.Owner, null, SurveyNotFound),
        ("SurveysPause", "uuid", HttpMethod.Post, "/api/surveys/{id}/pause", Caller.Owner, null, SurveyNotFound),
        ("SurveysClose", "uuid", HttpMethod.Post, "/api/surveys/{id}/close", Caller.Owner, null, SurveyNotFound),
        ("AccountSurvey", "uuid", HttpMethod.Get, "/api/account/surveys/{id}", Caller.Owner, null, AccountNotFound),
        ("AccountSessionsByRespondent", "uuid", HttpMethod.Get, "/api/account/surveys/{id}/sessions-by-respondent/{respondent}", Caller.Owner, null,
            AccountNotFound),
        ("AccountSessionsByRespondent", "respondent_id", HttpMethod.Get, "/api/account/surveys/{activeSurvey}/sessions-by-respondent/{id}",
            Caller.Owner, null, AccountNotFound),
        ("AccountRespondent", "respondent_id", HttpMethod.Get, "/api/account/respondents/{id}", Caller.Owner, null, AccountNotFound),
        ("AccountRespondentsList", "uuid", HttpMethod.Get, "/api/account/surveys/{id}/respondents/list", Caller.Owner, null, AccountNotFound),
        ("SurveysResults", "uuid", HttpMethod.Get, "/api/surveys/{id}/results", Caller.Owner, null, SurveyNotFound),
        ("ExportsStreamResponses", "uuid", HttpMethod.Get, "/api/surveys/{id}/responses", Caller.Owner, null, SurveyNotFound),
        ("ExportsCreate", "uuid", HttpMethod.Post, "/api/surveys/{id}/exports", Caller.Owner, """{"format":"csv"}""", SurveyNotFound),
        ("ExportsGet", "id", HttpMethod.Get, "/api/exports/{id}", Caller.Owner, null, ExportNotFound),
        ("ExportsFile", "id", HttpMethod.Get, "/api/exports/{id}/file", Caller.Owner, null, ExportNotFound),
        ("ResponsesSubmit", "id", HttpMethod.Post, "/api/v2/guide/survey_responses/{id}", Caller.Owner, """{"survey_response":{"answers":[]}}""",
            ResponseNotFound),
        ("ResponsesShow", "id", HttpMethod.Get, "/api/v2/guide/en-us/survey_responses/{id}", Caller.Owner, null, ResponseNotFound),
        ("ResponsesShow", "locale", HttpMethod.Get, "/api/v2/guide/{id}/survey_responses/{response}", Caller.Owner, null, Invalid("locale")),
        ("ResponsesForm", "id", HttpMethod.Get, "/hc/api/en-us/survey_responses/{id}/form", Caller.Owner, null, ResponseNotFound),
        ("ResponsesForm", "locale", HttpMethod.Get, "/hc/api/{id}/survey_responses/{response}/form", Caller.Owner, null, Invalid("locale")),
        ("AdminGetTenant", "tenantId", HttpMethod.Get, "/api/admin/tenants/{id}", Caller.Admin, null,
            new(HttpStatusCode.NotFound, "tenant_not_found")),
        ("AdminIssueKey", "tenantId", HttpMethod.Post, "/api/admin/tenants/{id}/keys", Caller.Admin, null,
            new(HttpStatusCode.NotFound, "tenant_not_found")),
        ("AdminRevokeKey", "tenantId", HttpMethod.Delete, "/api/admin/tenants/{id}/keys/{keyId}", Caller.Admin, null,
            new(HttpStatusCode.NotFound, "key_not_found")),
        ("AdminRevokeKey", "keyId", HttpMethod.Delete, "/api/admin/tenants/{tenant}/keys/{id}", Caller.Admin, null,
            new(HttpStatusCode.NotFound, "key_not_found")),
    ];

    /// <summary>Ids that can only be missing, too long, or an attempt to break out of a key or a filter.</summary>
    private static readonly (string Input, string Segment)[] Ids =
    [
        ("unknown", "poll_doesnotexist"), ("129 characters", new string('p', 129)), ("5,000 characters", new string('x', 5000)),
        ("300 emoji", Uri.EscapeDataString(string.Concat(Enumerable.Repeat("🗳", 300)))),
        ("quote", "poll_'x"), ("encoded quote", "poll_%27x"), ("literal %27", "poll_%2527x"), ("double quote", "%22poll%22"),
        ("OData or", Uri.EscapeDataString("' or PartitionKey ne '")), ("OData eq", Uri.EscapeDataString("x' eq 'x")),
        ("OData and with spaces", "poll_1%20and%20true"), ("OData function", Uri.EscapeDataString("substringof('a',PartitionKey)")),
        ("encoded slash", "a%2Fb"), ("encoded backslash", "a%5Cb"), ("encoded hash", "a%23b"), ("encoded question mark", "a%3Fb"),
        ("dots inside", "poll..x"), ("tilde and plus", "~poll+x"),
        ("emoji", Uri.EscapeDataString("🗳️📊")), ("right-to-left", Uri.EscapeDataString("\u202Eاستطلاع")),
        ("combining marks", Uri.EscapeDataString("e\u0301\u0301\u0301")), ("control characters", "%01%1F"),
        ("DEL", "%7F"), ("newline", "poll%0Ax"), ("tab", "%09"), ("space", "%20"), ("C1 control", "%C2%85"),
        ("invalid UTF-8", "%C3%28"), ("encoded surrogate", "%ED%A0%80"),
    ];

    public static IEnumerable<BadRequest> Paths()
    {
        foreach (var (endpoint, parameter, method, path, caller, body, notFound) in PathEndpoints)
        {
            string At(string segment) => path.Replace("{id}", segment, StringComparison.Ordinal);
            foreach (var (input, segment) in Ids)
                yield return new BadRequest(endpoint, $"{parameter}: {input}", method, At(segment), caller, body, notFound);
            // The client and the server both resolve dot segments, so "/x/.." reaches some other route: still a clean 4xx,
            // unless that route serves the method (".../sessions-by-respondent/.." is the survey itself): then it is no junk.
            var resolved = new Uri(new Uri("http://localhost"), At("..")).AbsolutePath;
            if (!RouteTable.Catalog.AllowedMethods(resolved).Contains(method.Method))
            {
                foreach (var dots in new[] { "..", "%2E%2E" })
                    yield return new BadRequest(endpoint, $"{parameter}: {dots}", method, At(dots), caller, body, notFound, RouteNotFound,
                        new(HttpStatusCode.MethodNotAllowed, "method_not_allowed"));
            }
            yield return new BadRequest(endpoint, $"{parameter}: NUL", method, At("poll%00x"), caller, body, notFound,
                ServerRefusal(HttpStatusCode.BadRequest));
        }
        foreach (var request in PanelistIds())
            yield return request;
    }

    /// <summary>
    /// The Panelists family's <c>{panelistId}</c> is the tenant's own text for a person (an email hash, "José", a quote are
    /// all fine), so only what no id may hold is refused: empty or blank, over 256 characters, control characters.
    /// </summary>
    private static IEnumerable<BadRequest> PanelistIds()
    {
        (string Input, string Segment)[] ids =
        [
            ("257 characters", new string('p', 257)), ("5,000 characters", new string('x', 5000)), ("space", "%20"), ("blank", "%20%20%20"),
            ("control characters", "%01%1F"), ("DEL", "%7F"), ("C1 control", "%C2%85"), ("escape inside", "a%1Bb"),
        ];
        foreach (var (input, segment) in ids)
            yield return new BadRequest("GetPanelist", $"panelistId: {input}", HttpMethod.Get,
                $"/tenant/surveys/{{activeSurvey}}/panelists/{segment}", Caller.Owner, null, Invalid("panelistId"));
        yield return new BadRequest("GetPanelist", "panelistId: NUL", HttpMethod.Get, "/tenant/surveys/{activeSurvey}/panelists/a%00b", Caller.Owner,
            null, Invalid("panelistId"), ServerRefusal(HttpStatusCode.BadRequest));
    }

    public static IEnumerable<BadRequest> Queries()
    {
        const string Responses = "/api/surveys/{activeSurvey}/responses";
        foreach (var value in new[] { "xml", "CSV", "", "csv%00", "json" })
            yield return Query("ExportsStreamResponses", Responses, "format", value, Caller.Owner);
        foreach (var name in new[] { "include_partial", "bom" })
        {
            foreach (var value in new[] { "yes", "1", "TRUE", "" })
                yield return Query("ExportsStreamResponses", Responses, name, value, Caller.Owner);
        }
        foreach (var value in new[] { "yesterday", "1600-12-31T00:00:00Z", "2999-01-01T00:00:00Z", "%00", "" })
            yield return Query("ExportsStreamResponses", Responses, "since", value, Caller.Owner);
        const string Votes = "/api/polls/{published}/votes";
        foreach (var value in new[] { "xml", "CSV", "", "csv%00", "json", "csv&format=ndjson" })
            yield return Query("PollsVotes", Votes, "format", value, Caller.Owner);
        foreach (var value in new[] { "yes", "1", "TRUE", "" })
            yield return new BadRequest("PollsVotes", $"?format=csv&bom={(value.Length == 0 ? "(empty)" : value)}", HttpMethod.Get,
                $"{Votes}?format=csv&bom={value}", Caller.Owner, null, Invalid("bom"));
        yield return Query("PollsVotes", Votes, "limit", "10&format=csv", Caller.Owner);
        yield return Query("PollsVotes", Votes, "cursor", "abc&format=ndjson", Caller.Owner);
        string[] numbers = ["0", "-1", "abc", "1.5", "1e3", "+1", "%201", "99999999999999999999", "", "%00", "%D9%A1", "0x10"];
        foreach (var value in numbers)
        {
            yield return Query("PollsList", "/api/polls", "page", value, Caller.Owner);
            yield return Query("PollsList", "/api/polls", "limit", value, Caller.Owner);
            yield return Query("PollsVotes", "/api/polls/{published}/votes", "limit", value, Caller.Owner);
            yield return Query("SurveysList", "/api/surveys", "page", value, Caller.Owner);
            yield return Query("SurveysList", "/api/surveys", "limit", value, Caller.Owner);
        }
        foreach (var value in numbers)
            yield return Query("AccountRespondentsList", RespondentsList, "limit", value, Caller.Owner);
        foreach (var value in numbers.Append("101").Append("5&limit=6"))
            yield return Query("EventsFeed", "/api/events", "limit", value, Caller.Owner);
        foreach (var value in new[] { "bogus", "", "survey.closed,bogus", "SURVEY.CLOSED", "%00", "survey.closed,", "survey.*" })
            yield return Query("EventsFeed", "/api/events", "types", value, Caller.Owner);
        yield return Query("AccountRespondentsList", RespondentsList, "limit", "1001", Caller.Owner);
        yield return Query("AccountRespondentsList", RespondentsList, "limit", "5&limit=6", Caller.Owner);
        yield return Query("SurveysList", "/api/surveys", "page", "1000001", Caller.Owner);
        yield return Query("SurveysList", "/api/surveys", "limit", "101", Caller.Owner);
        yield return Query("SurveysList", "/api/surveys", "limit", "5&limit=6", Caller.Owner);
        yield return Query("PollsList", "/api/polls", "page", "1000001", Caller.Owner);
        yield return Query("PollsList", "/api/polls", "limit", "101", Caller.Owner);
        yield return Query("PollsList", "/api/polls", "limit", "1000000", Caller.Owner);
        yield return Query("PollsList", "/api/polls", "page", "1&page=2", Caller.Owner);
        yield return Query("PollsVotes", "/api/polls/{published}/votes", "limit", "101", Caller.Owner);
        yield return Query("PollsVotes", "/api/polls/{published}/votes", "limit", "5&limit=6", Caller.Owner);

        string[] cursors =
        [
            "garbage", "!!!", "%00", new string('A', 5_000), "a&cursor=b", Cursor("9:"), Cursor("-1:"), Cursor("x"), Cursor(":"), Cursor("0:not a token!"),
            Cursor("0:" + new string('Z', 3000)),
        ];
        foreach (var cursor in cursors)
        {
            yield return Query("PollsVotes", "/api/polls/{published}/votes", "cursor", cursor, Caller.Owner);
            yield return Query("AccountRespondentsList", RespondentsList, "cursor", cursor, Caller.Owner);
            yield return Query("EventsFeed", "/api/events", "after", cursor, Caller.Owner);
        }
        yield return Query("PollsVotes", "/api/polls/{published}/votes", "cursor", new string('A', 10_000), Caller.Owner) with
        {
            Input = "?cursor=10,000 characters (URL over the server's 8 KiB request line)",
            Answers = [ServerRefusal(HttpStatusCode.RequestUriTooLong)],
        };

        string[] fingerprints = ["", new string('f', 257), "a&fingerprint=b", "%00", "a%07b"];
        foreach (var fingerprint in fingerprints)
        {
            yield return Query("PollsVoteStatus", "/api/polls/{published}/vote", "fingerprint", fingerprint, Caller.Public);
            yield return Query("PollsResults", "/api/polls/{second}/results", "fingerprint", fingerprint, Caller.Public);
        }
        yield return new BadRequest("PollsVoteStatus", "fingerprint: missing", HttpMethod.Get, "/api/polls/{published}/vote", Caller.Public, null,
            Invalid("fingerprint"));

        foreach (var query in TakeQueries())
            yield return query;
        foreach (var query in ResponseListQueries())
            yield return query;
    }

    /// <summary>The Responses list's filters, page and sort parameters, and cursors it never issued.</summary>
    private static IEnumerable<BadRequest> ResponseListQueries()
    {
        const string List = "/api/v2/guide/survey_responses";
        (string Name, string[] Values)[] parameters =
        [
            ("filter[responder_ids]", ["abc", "0", "-1", "1.5", "%00", "99999999999999999999", "9007199254740992", "1,abc", "1,2,3,4,5,6,7,8,9,10,11",
                "1&filter[responder_ids]=2"]),
            ("filter[subject_zrns]", ["ticket:1", "zen:ticket:", "zen::1", "%00", "zen:ticket:1%27", "zen:ticket:" + new string('9', 190),
                "zen:ticket:1&filter[subject_zrns]=zen:ticket:2"]),
            ("filter[created_at_start]", ["abc", "-1", "1.5", "1e3", "99999999999999999999", "253402300800", "%00", "2024-08-14"]),
            ("filter[created_at_end]", ["abc", "-1", "0x10", "%00"]),
            ("page[size]", ["0", "-1", "abc", "101", "1.5", "%00", "1&page[size]=2"]),
            ("page[after]", ["garbage", "%00", "MW", "01J1WB51MG6HXTYWE6Q0C93RNW", new string('A', 5_000), "a.b.c"]),
            ("page[before]", ["garbage", "MQ", "x.y.z"]),
            ("sort", ["name", "ID", "%2Bid", "-name", "%00", "id&sort=-id"]),
            ("filter[responder]", ["1"]),
            ("page[number]", ["2"]),
        ];
        foreach (var (name, values) in parameters)
        {
            foreach (var value in values)
                yield return Query("ResponsesList", List, name, value, Caller.Owner);
        }
    }

    /// <summary>The Take family's first-call parameters (and <c>page</c>): refused before any session is started.</summary>
    private static IEnumerable<BadRequest> TakeQueries()
    {
        const string Take = "/a/api/v2/surveys/{activeSurvey}/take";
        (string Name, string[] Values)[] parameters =
        [
            ("customer_id", ["", new string('c', 257), "%00", "a%07b", "%C2%85", "a&customer_id=b"]),
            ("language", ["", "en%20us", "e%2Fn", new string('l', 36), "%00", "en&language=es", "%E2%80%AE"]),
            ("country", ["", new string('c', 201), "%00", "US&country=FR"]),
            ("region", ["", new string('r', 201), "a%1Bb"]),
            ("city", ["", new string('t', 201), "a%0Bb"]),
            ("lat", ["", "abc", "91", "-91", "NaN", "Infinity", "1e3", "0x10", "1%2C5", "%00", "1&lat=2"]),
            ("lon", ["", "181", "-181", "abc", "-Infinity"]),
            ("page", ["0", "-1", "abc", "1001", "1.5", "", "%00", "1&page=2", "99999999999999999999"]),
        ];
        foreach (var (name, values) in parameters)
        {
            foreach (var value in values)
                yield return Query("TakeSurvey", Take, name, value, Caller.Owner);
        }
    }

    private const string RespondentsList = "/api/account/surveys/{activeSurvey}/respondents/list";

    private static BadRequest Query(string endpoint, string path, string name, string value, Caller caller)
    {
        var shown = value.Length > 40 ? $"{value.Length} characters" : value.Length == 0 ? "(empty)" : value;
        return new BadRequest(endpoint, $"?{name}={shown}", HttpMethod.Get, $"{path}?{name}={value}", caller, null, Invalid(name));
    }

    /// <summary>A votes cursor as the endpoint encodes it: base64url of "offset:storage continuation".</summary>
    public static string Cursor(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
