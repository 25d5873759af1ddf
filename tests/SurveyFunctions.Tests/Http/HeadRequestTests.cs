using System.Text.RegularExpressions;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Http;

/// <summary>
/// HEAD over real HTTP against the standalone host (RFC 9110 §9.3.2): wherever GET is served, HEAD answers with GET's
/// status and headers and not one byte of body, errors included. Requests go over a raw socket (<see cref="RawHttp"/>),
/// because HttpClient would not read a body the server wrongly sent after a HEAD.
/// </summary>
public sealed partial class HeadRequestTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    /// <summary>The headers a HEAD must repeat from its GET (RFC 9110 §9.3.2); Date and the like may differ.</summary>
    private static readonly string[] MirroredHeaders =
        ["Content-Type", "ETag", "Cache-Control", "Vary", "Content-Encoding", "Allow", "WWW-Authenticate", "Retry-After"];

    public static TheoryData<string> GetRoutes => new(RouteTable.All.Where(e => e.Methods.Contains("GET")).Select(e => e.Name));

    [Fact]
    public void Every_GET_route_and_no_other_also_answers_HEAD()
    {
        Assert.All(RouteTable.All, e => Assert.True(e.Methods.Contains("GET") == e.Methods.Contains("HEAD"),
            $"{e.Name}: [{string.Join(", ", e.Methods)}]"));
    }

    [Theory]
    [MemberData(nameof(GetRoutes))]
    public async Task HEAD_mirrors_GET_on_every_GET_route_called_without_credentials_or_real_ids(string endpoint)
    {
        // Whatever GET answers here (a page, a 401, a 404, a 400 for a bad locale), HEAD answers the same without its body.
        var route = RouteTable.All.Single(e => e.Name == endpoint).Route;
        await AssertHeadMirrorsGetAsync("/" + RouteParameter().Replace(route, "nope"));
    }

    [Fact]
    public async Task HEAD_on_the_embed_script_has_its_etag_and_type_and_revalidates_to_304()
    {
        var head = await AssertHeadMirrorsGetAsync("/embed/poll.js");
        Assert.Equal(200, head.Status);
        Assert.StartsWith("text/javascript", head.Header("Content-Type"), StringComparison.Ordinal);
        Assert.NotNull(head.Header("Content-Length"));
        var etag = head.Header("ETag")!;

        var notModified = await AssertHeadMirrorsGetAsync("/embed/poll.js", ("If-None-Match", etag));
        Assert.Equal(304, notModified.Status);
        Assert.Equal(etag, notModified.Header("ETag"));

        // The gzip copy is another representation with an ETag of its own; HEAD names it just as GET does.
        var gzipped = await AssertHeadMirrorsGetAsync("/embed/poll.js", ("Accept-Encoding", "gzip"));
        Assert.Equal("gzip", gzipped.Header("Content-Encoding"));
        Assert.NotEqual(etag, gzipped.Header("ETag"));
    }

    [Fact]
    public async Task HEAD_on_a_JSON_route_is_200_with_its_content_type_and_no_body()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();
        var poll = await host.Http.CreatePublishedPollAsync(key);
        var head = await AssertHeadMirrorsGetAsync($"/api/polls/{poll}", ("X-API-Key", key));
        Assert.Equal(200, head.Status);
        Assert.StartsWith("application/json", head.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HEAD_on_an_unknown_path_is_the_family_404_without_a_body()
    {
        var head = await AssertHeadMirrorsGetAsync("/api/polls/poll_1/nothing");
        Assert.Equal(404, head.Status);
        Assert.StartsWith("application/json", head.Header("Content-Type"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HEAD_on_a_POST_only_route_is_405_with_Allow_without_a_body()
    {
        var head = await RawHttp.SendAsync(host.BaseAddress, "HEAD", "/a/api/v2/surveys/nope/submit-page");
        Assert.Equal(405, head.Status);
        Assert.Equal("POST", head.Header("Allow"));
        Assert.Empty(head.BytesAfterHeaders);
        // The same answer a PUT gets there, minus the envelope's body.
        var put = await RawHttp.SendAsync(host.BaseAddress, "PUT", "/a/api/v2/surveys/nope/submit-page", ("Content-Length", "0"));
        Assert.Equal(put.Status, head.Status);
        Assert.Equal(put.Header("Content-Type"), head.Header("Content-Type"));
    }

    [Fact]
    public async Task HEAD_with_a_bad_key_on_a_tenant_route_is_401_without_a_body()
    {
        var head = await AssertHeadMirrorsGetAsync("/api/polls", ("X-API-Key", "sk_not_a_real_key"));
        Assert.Equal(401, head.Status);
    }

    [Fact]
    public async Task HEAD_with_another_tenants_key_is_its_404_without_a_body()
    {
        // The status alone must not confirm that another tenant's poll exists, exactly as GET does not.
        var (_, owner, _) = await host.Http.CreateTenantAsync();
        var (_, stranger, _) = await host.Http.CreateTenantAsync();
        var poll = await host.Http.CreatePublishedPollAsync(owner);
        var head = await AssertHeadMirrorsGetAsync($"/api/polls/{poll}/votes", ("X-API-Key", stranger));
        Assert.Equal(404, head.Status);
    }

    /// <summary>
    /// GET and HEAD the same path with the same headers: the same status, the same <see cref="MirroredHeaders"/>, the same
    /// Content-Length where GET has one, and no byte after HEAD's headers. Returns the HEAD answer.
    /// </summary>
    private async Task<RawHttp.Answer> AssertHeadMirrorsGetAsync(string path, params (string Name, string Value)[] headers)
    {
        var get = await RawHttp.SendAsync(host.BaseAddress, "GET", path, headers);
        var head = await RawHttp.SendAsync(host.BaseAddress, "HEAD", path, headers);
        Assert.True(get.Status == head.Status, $"{path}: GET {get.Status}, HEAD {head.Status}");
        foreach (var name in MirroredHeaders)
            Assert.True(get.Header(name) == head.Header(name), $"{path} {name}: GET '{get.Header(name)}', HEAD '{head.Header(name)}'");
        if (get.Header("Content-Length") is { } length)
            Assert.Equal(length, head.Header("Content-Length"));
        // GET's body is what HEAD must leave out: without one (a 304) there is nothing to compare but the headers.
        Assert.True(get.BytesAfterHeaders.Length > 0 || get.Status == 304, $"{path}: GET {get.Status} sent no body");
        Assert.True(head.BytesAfterHeaders.Length == 0, $"{path}: HEAD sent {head.BytesAfterHeaders.Length} body bytes");
        return head;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
