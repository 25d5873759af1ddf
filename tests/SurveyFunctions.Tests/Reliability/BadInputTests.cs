using System.Net;
using System.Text.Json;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The bad-input suite: junk bodies, fields, ids and query parameters at every endpoint of the route table. Each case
/// must get a 4xx in the family's envelope with its documented code (and the offending field named), and must write nothing:
/// every table row and its ETag are compared before and after, so even a write the API would not show fails the case.
/// </summary>
public sealed partial class BadInputTests(TwoTenantsHost host) : IClassFixture<TwoTenantsHost>
{
    /// <summary>
    /// Endpoints that read no body, no path id and no query: only the wrong-method and ignored-junk cases apply (the
    /// embed script's junk case is in EmbedScriptTests, as its answer is JavaScript, not JSON).
    /// </summary>
    private static readonly string[] NoInputEndpoints = ["Health", "OpenApi", "EmbedPollScript", "PanelistVotePage", "PanelistVoteScript",
        "ResponsePage", "ResponsePageScript", "WebhooksList"];

    private static readonly IReadOnlyDictionary<string,
        BadRequest> Cases = BadRequest.Index(BadBodyCases.All(), BadPathAndQueryCases.Paths(), BadPathAndQueryCases.Queries(),
        BadBodyCases.IdempotencyKeys());

    public static TheoryData<string, string> Bodies => BadRequest.Rows(BadBodyCases.All());
    public static TheoryData<string, string> PathIds => BadRequest.Rows(BadPathAndQueryCases.Paths());
    public static TheoryData<string, string> QueryParameters => BadRequest.Rows(BadPathAndQueryCases.Queries());
    public static TheoryData<string, string> IdempotencyKeys => BadRequest.Rows(BadBodyCases.IdempotencyKeys());
    // No HEAD rows: HEAD runs its GET's endpoint, so its refusals are GET's, and with no body there is no envelope to
    // assert. HeadRequestTests checks every GET route's HEAD gives GET's status and headers and no body.
    public static TheoryData<string> Routes => new(RouteTable.All.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Bodies))]
    public Task Bad_bodies_are_refused_and_write_nothing(string endpoint, string input) => AssertRefusedAsync(endpoint, input);

    [Theory]
    [MemberData(nameof(PathIds))]
    public Task Junk_ids_are_not_found_and_write_nothing(string endpoint, string input) => AssertRefusedAsync(endpoint, input);

    [Theory]
    [MemberData(nameof(QueryParameters))]
    public Task Bad_query_parameters_are_refused(string endpoint, string input) => AssertRefusedAsync(endpoint, input);

    [Theory]
    [MemberData(nameof(IdempotencyKeys))]
    public Task Bad_idempotency_keys_are_refused_and_write_nothing(string endpoint, string input) => AssertRefusedAsync(endpoint, input);

    [Fact]
    public void Every_idempotent_route_gets_bad_idempotency_keys()
    {
        var covered = BadBodyCases.IdempotencyKeys().Select(c => c.Endpoint).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(RouteTable.All.Where(e => e.Idempotency is not null && !covered.Contains(e.Name)).Select(e => e.Name));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_method_the_route_does_not_serve_is_405_in_the_envelope(string endpoint)
    {
        var (a, b) = await host.TenantsAsync();
        var route = RouteTable.All.Single(e => e.Name == endpoint).Route;
        var path = "/" + route.Replace("{id}", "{published}", StringComparison.Ordinal).Replace("{tenantId}", "{tenant}", StringComparison.Ordinal);
        var request = new BadRequest(endpoint, "PUT", HttpMethod.Put, path, Caller.Admin, "{}",
            new Expected(HttpStatusCode.MethodNotAllowed, "method_not_allowed"));
        Rejection.AssertOneOf(await request.SendAsync(host.Http, a, b), request.Answers, request.ToString(), request.Family);
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/openapi.json")]
    public async Task Endpoints_without_input_ignore_junk_query_body_and_headers(string path)
    {
        var (a, b) = await host.TenantsAsync();
        var junk = new BadRequest("-", "junk", HttpMethod.Get, path + "?page=-1&limit=abc&cursor=%00&id=%27%20or%20PartitionKey%20ne%20%27",
            Caller.Stranger, "{\"trunc")
        {
            AuthForm = "Authorization: Basic",
        };
        var reply = await junk.SendAsync(host.Http, a, b);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(JsonValueKind.Object, reply.Json.GetValueKind());
    }

    /// <summary>
    /// A cursor in the old unsigned form, decoding to a well-formed storage continuation: cursors are signed and bound to
    /// their poll now, so it is a 400 naming the cursor, never another page (and never a 500).
    /// </summary>
    [Theory]
    [InlineData("\u0001\n\u0002")]
    [InlineData("a#b\n?")]
    [InlineData("' or PartitionKey ne '\n'")]
    [InlineData("v00\n")]
    [InlineData("v01\n~")]
    public async Task A_forged_cursor_is_refused(string continuation)
    {
        var (a, b) = await host.TenantsAsync();
        var cursor = BadPathAndQueryCases.Cursor("0:"
            + System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(continuation)));
        var reply = await host.Http.GetReplyAsync($"/api/polls/{a.Published}/votes?cursor={cursor}", a.ApiKey);
        Rejection.AssertOneOf(reply, [Expected.Invalid("cursor")], "forged cursor");
        Assert.DoesNotContain(b.Voter, reply.Json.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_route_in_the_route_table_is_in_the_matrix()
    {
        var covered = Cases.Values.Select(c => c.Endpoint).Concat(NoInputEndpoints).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(RouteTable.All.Where(e => !covered.Contains(e.Name)).Select(e => e.Name));

        // Finer: every path parameter gets junk ids, and every endpoint that reads a body gets bad bodies.
        // The response page's path is read by its script in the browser: any path gets the same static page, and what the
        // script then calls (ResponsesForm, ResponsesSubmit) is in the matrix (ResponsePageTests checks the page).
        var withIds = BadPathAndQueryCases.Paths().Select(c => c.Endpoint).Append("ResponsePage").ToHashSet(StringComparer.Ordinal);
        Assert.Empty(RouteTable.All.Where(e => e.Route.Contains('{', StringComparison.Ordinal) && !withIds.Contains(e.Name)).Select(e => e.Name));
        var withBodies = BadBodyCases.All().Select(c => c.Endpoint).ToHashSet(StringComparer.Ordinal);
        // These read no body: a key for the tenant in the path, and the survey transitions.
        string[] bodiless = ["AdminIssueKey", "SurveysStart", "SurveysPause", "SurveysClose", "PanelistDismiss", "WebhooksRotateSecret",
            "WebhooksRedeliver"];
        Assert.Empty(RouteTable.All.Where(e => e.Methods.Any(m => m is "POST" or "PATCH" or "PUT") && !withBodies.Contains(e.Name)
            && !bodiless.Contains(e.Name)).Select(e => e.Name));
    }

    private async Task AssertRefusedAsync(string endpoint, string input)
    {
        var (a, b) = await host.TenantsAsync();
        var request = Cases[$"{endpoint} / {input}"];
        var storage = host.Get<SurveyStorage>();
        var before = await StorageSnapshot.TakeAsync(storage);
        var reply = await request.SendAsync(host.Http, a, b);
        Rejection.AssertOneOf(reply, request.Answers, request.ToString(), request.Family);
        StorageSnapshot.AssertUnchanged(before, await StorageSnapshot.TakeAsync(storage), request.ToString());
    }
}
