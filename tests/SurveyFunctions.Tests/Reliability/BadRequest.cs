using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>Whose credentials a request carries: none, the owner's (tenant A's) API key, another tenant's (B's) API key, or the admin key.</summary>
public enum Caller
{
    Public,
    Owner,
    Stranger,
    Admin,

    /// <summary>The owner's API key sent as the admin key: a tenant key must never pass for one.</summary>
    OwnerKeyAsAdmin,
}

/// <summary>One acceptable answer: status, the envelope's <c>code</c>, and the <c>field</c> it must name (null: not checked).</summary>
public sealed record Expected(HttpStatusCode Status, string Code, string? Field = null)
{
    public static Expected Invalid(string? field) => new(HttpStatusCode.BadRequest, "validation_error", field);
    public static readonly Expected Malformed = new(HttpStatusCode.BadRequest, "malformed_json");
    public static readonly Expected TooLarge = new(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
    public static readonly Expected NotJson = new(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    public static readonly Expected PollNotFound = new(HttpStatusCode.NotFound, "poll_not_found");
    public static readonly Expected SurveyNotFound = new(HttpStatusCode.NotFound, "survey_not_found");
    public static readonly Expected RouteNotFound = new(HttpStatusCode.NotFound, "route_not_found");

    /// <summary>The Account family's 404: its envelope carries the status and a message, no code (see <see cref="Rejection"/>).</summary>
    public static readonly Expected AccountNotFound = new(HttpStatusCode.NotFound, "(Account: status and message only)");
    /// <summary>The Responses family's 404 for a response (its envelope shows <c>NotFound</c> with Zendesk's documented title).</summary>
    public static readonly Expected ExportNotFound = new(HttpStatusCode.NotFound, "export_not_found");
    public static readonly Expected ResponseNotFound = new(HttpStatusCode.NotFound, "response_not_found");
    public static readonly Expected WebhookNotFound = new(HttpStatusCode.NotFound, "webhook_not_found");
    public static readonly Expected DeliveryNotFound = new(HttpStatusCode.NotFound, "delivery_not_found");

    /// <summary>
    /// Refused by the HTTP server itself (Kestrel) while parsing the request line, before routing: no endpoint runs, so there
    /// is no family to answer for and the body is empty. Only for what HTTP servers refuse by protocol: a NUL in the decoded
    /// path, a request line over the server's limit.
    /// </summary>
    public static Expected ServerRefusal(HttpStatusCode status) => new(status, ServerRefusalCode);

    public const string ServerRefusalCode = "(refused by the HTTP server)";
}

/// <summary>
/// A request a test expects to be refused. <see cref="Path"/> and <see cref="Body"/> may name the seeded world's ids:
/// the owner's (tenant A) <c>{draft}</c>, <c>{published}</c>, <c>{second}</c>, <c>{tenant}</c>, <c>{keyId}</c>, <c>{voter}</c> and embed
/// tokens <c>{token}</c> (published poll) and <c>{secondToken}</c>, surveys <c>{survey}</c> (draft) and <c>{activeSurvey}</c>,
/// <c>{takeToken}</c>, the session token of a respondent taking <c>{activeSurvey}</c>, <c>{respondent}</c>, that respondent's
/// customer id, <c>{panelistId}</c>, <c>{panelistKey}</c> and <c>{panelistToken}</c>, a panelist of <c>{activeSurvey}</c>, their key
/// and the token of the page they were shown, and <c>{response}</c>, a survey response offered on it, with its
/// <c>{responseToken}</c>, <c>{eventsCursor}</c>,
/// <c>{webhook}</c>; the stranger's (tenant B) <c>{strangerTenant}</c>, <c>{strangerPublished}</c>, <c>{strangerToken}</c>,
/// <c>{strangerSurvey}</c>, <c>{strangerActiveSurvey}</c>, <c>{strangerTakeToken}</c>, <c>{strangerApiKey}</c>, <c>{strangerResponse}</c>
/// and <c>{strangerResponseToken}</c>.
/// </summary>
public sealed record BadRequest(string Endpoint, string Input, HttpMethod Method, string Path, Caller Caller, string? Body, params Expected[] Answers)
{
    /// <summary>The Content-Type sent with a body; null sends none.</summary>
    public string? ContentType { get; init; } = "application/json";

    /// <summary>Bytes sent as they are (for encodings a string cannot hold); wins over <see cref="Body"/>.</summary>
    public byte[]? RawBody { get; init; }

    /// <summary>Sends the body chunked, without a Content-Length, so only reading it can find its size.</summary>
    public bool Chunked { get; init; }

    /// <summary>The Take family's <c>x-survey-token</c> header to send (placeholders allowed); null sends none.</summary>
    public string? SurveyToken { get; init; }

    /// <summary>The Panelists family's <c>X-Panelist-Key</c> header to send (placeholders allowed); null sends none.</summary>
    public string? PanelistKey { get; init; }

    /// <summary>The <c>Idempotency-Key</c> header to send, as it is (no validation by the client); null sends none.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>How the API key travels (one of <see cref="AuthForms"/>): every form must resolve to the same tenant.</summary>
    public string AuthForm { get; init; } = "X-API-Key";

    public static IReadOnlyList<string> AuthForms { get; } = ["X-API-Key", "api-key", "Authorization: Bearer", "token header", "?token=",
        "Authorization: Basic"];

    public override string ToString() => $"{Endpoint} / {Input}";

    /// <summary>The family of <see cref="Endpoint"/> in the route table, whose envelope the refusal comes in.</summary>
    public ApiFamily Family => RouteTable.All.FirstOrDefault(e => e.Name == Endpoint)?.Family ?? ApiFamily.Polls;

    /// <summary>The cases by <see cref="ToString"/>, for a theory to look its row up (a duplicate name fails loudly here).</summary>
    public static IReadOnlyDictionary<string, BadRequest> Index(params IEnumerable<BadRequest>[] tables) =>
        tables.SelectMany(t => t).ToDictionary(c => c.ToString(), StringComparer.Ordinal);

    /// <summary>Theory rows of (endpoint, input): plain strings, so every case shows as its own test; the test looks
    /// the case up by <see cref="ToString"/>.</summary>
    public static TheoryData<string, string> Rows(IEnumerable<BadRequest> cases)
    {
        var rows = new TheoryData<string, string>();
        foreach (var c in cases)
            rows.Add(c.Endpoint, c.Input);
        return rows;
    }

    public async Task<Api.Reply> SendAsync(HttpClient http, TenantWorld owner, TenantWorld stranger)
    {
        string Resolve(string text) => text
            .Replace("{draft}", owner.Draft, StringComparison.Ordinal)
            .Replace("{published}", owner.Published, StringComparison.Ordinal)
            .Replace("{second}", owner.Second, StringComparison.Ordinal)
            .Replace("{tenant}", owner.TenantId, StringComparison.Ordinal)
            .Replace("{keyId}", owner.KeyId, StringComparison.Ordinal)
            .Replace("{secondToken}", owner.SecondToken, StringComparison.Ordinal)
            .Replace("{token}", owner.PublishedToken, StringComparison.Ordinal)
            .Replace("{voter}", owner.Voter, StringComparison.Ordinal)
            .Replace("{survey}", owner.Survey, StringComparison.Ordinal)
            .Replace("{activeSurvey}", owner.ActiveSurvey, StringComparison.Ordinal)
            .Replace("{takeToken}", owner.TakeToken, StringComparison.Ordinal)
            .Replace("{respondent}", owner.Respondent, StringComparison.Ordinal)
            .Replace("{panelistKey}", owner.PanelistKey, StringComparison.Ordinal)
            .Replace("{panelistToken}", owner.PanelistToken, StringComparison.Ordinal)
            .Replace("{responseToken}", owner.ResponseToken, StringComparison.Ordinal)
            .Replace("{eventsCursor}", Uri.EscapeDataString(owner.EventsCursor), StringComparison.Ordinal)
            .Replace("{webhook}", owner.Webhook, StringComparison.Ordinal)
            .Replace("{response}", owner.Response, StringComparison.Ordinal)
            .Replace("{strangerResponseToken}", stranger.ResponseToken, StringComparison.Ordinal)
            .Replace("{strangerResponse}", stranger.Response, StringComparison.Ordinal)
            .Replace("{strangerSurvey}", stranger.Survey, StringComparison.Ordinal)
            .Replace("{strangerActiveSurvey}", stranger.ActiveSurvey, StringComparison.Ordinal)
            .Replace("{strangerTakeToken}", stranger.TakeToken, StringComparison.Ordinal)
            .Replace("{strangerTenant}", stranger.TenantId, StringComparison.Ordinal)
            .Replace("{strangerApiKey}", stranger.ApiKey, StringComparison.Ordinal)
            .Replace("{panelistId}", owner.PanelistId, StringComparison.Ordinal)
            .Replace("{strangerPublished}", stranger.Published, StringComparison.Ordinal)
            .Replace("{strangerToken}", stranger.PublishedToken, StringComparison.Ordinal);

        var key = Caller switch { Caller.Owner => owner.ApiKey, Caller.Stranger => stranger.ApiKey, _ => null };
        var path = Resolve(Path);
        if (key is not null && AuthForm == "?token=")
            path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "token=" + Uri.EscapeDataString(key);
        var bytes = RawBody ?? (Body is null ? null : Encoding.UTF8.GetBytes(Resolve(Body)));
        return await http.SendAsync(Method, path, configure: request =>
        {
            if (key is not null)
                AddKey(request, key);
            else if (Caller == Caller.Admin)
                Api.AsAdmin(request);
            else if (Caller == Caller.OwnerKeyAsAdmin)
                request.Headers.Add("X-Admin-Key", owner.ApiKey);
            if (SurveyToken is not null)
                request.Headers.Add("x-survey-token", Resolve(SurveyToken));
            if (PanelistKey is not null)
                request.Headers.Add("X-Panelist-Key", Resolve(PanelistKey));
            if (IdempotencyKey is not null)
                request.Headers.TryAddWithoutValidation("Idempotency-Key", IdempotencyKey);
            if (bytes is null)
                return;
            request.Content = Chunked ? new StreamContent(new UnsizedStream(bytes)) : new ByteArrayContent(bytes);
            // An oversized body is answered 413 before it is read; without 100-continue the client may still be
            // writing when the server closes the connection, and would see a broken pipe instead of the answer.
            request.Headers.ExpectContinue = bytes.Length > 64 * 1024;
            if (ContentType is not null)
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        });
    }

    private void AddKey(HttpRequestMessage request, string key)
    {
        switch (AuthForm)
        {
            case "X-API-Key": request.Headers.Add("X-API-Key", key); break;
            case "api-key": request.Headers.Add("api-key", key); break;
            case "Authorization: Bearer": request.Headers.Add("Authorization", "Bearer " + key); break;
            case "token header": request.Headers.Add("token", key); break;
            case "Authorization: Basic": request.Headers.Add("Authorization",
                "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("someone@example.com/token:" + key))); break;
            case "?token=": break;
            default: throw new ArgumentOutOfRangeException(nameof(request), AuthForm, "Unknown auth form.");
        }
    }

    /// <summary>A stream that will not tell its length, so HttpClient has to send it chunked.</summary>
    private sealed class UnsizedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
