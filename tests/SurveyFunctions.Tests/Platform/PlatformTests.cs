using System.Net;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Platform;

/// <summary>Health, unknown routes, wrong methods and malformed bodies: always the family's envelope, never a 500 or an HTML page.</summary>
public sealed class PlatformTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task Health_reports_storage_reachable()
    {
        var reply = await host.Http.GetReplyAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("healthy", reply.Json["status"]!.GetValue<string>());
        Assert.Equal("reachable", reply.Json["storage"]!["tables"]!.GetValue<string>());
        Assert.Equal("reachable", reply.Json["storage"]!["queues"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/polls/x/nope", "polls")]
    [InlineData("/api/account/nothing-here", "account")]
    [InlineData("/tenant/nothing", "panelists")]
    [InlineData("/a/api/v2/nothing", "take")]
    [InlineData("/api/v2/guide/nothing", "responses")]
    [InlineData("/nothing/at/all", "platform")]
    public async Task Unknown_route_answers_404_in_the_family_envelope(string path, string family)
    {
        var reply = await host.Http.GetReplyAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        AssertEnvelope(family, reply, 404);
    }

    [Theory]
    [InlineData("PUT", "/api/polls", "GET, HEAD, POST")]
    [InlineData("POST", "/api/polls/poll_x", "GET, HEAD, PATCH, DELETE")]
    [InlineData("DELETE", "/api/polls/poll_x/vote", "GET, HEAD, POST")]
    [InlineData("PUT", "/openapi.json", "GET, HEAD")]
    public async Task Wrong_method_answers_405_with_Allow_in_the_family_envelope(string method, string path, string allow)
    {
        // Allow is a content header to HttpClient, so this reads the raw response rather than an Api.Reply.
        using var request = new HttpRequestMessage(new HttpMethod(method),
            path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("method_not_allowed", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_wrong_content_type_and_huge_bodies_are_clear_4xx()
    {
        var (_, key, _) = await host.Http.CreateTenantAsync();

        var malformed = await host.Http.PostReplyAsync("/api/polls", "{\"title\": \"x\", ", key);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("malformed_json", malformed.ErrorCode);

        var notObject = await host.Http.PostReplyAsync("/api/polls", "[1,2]", key);
        Assert.Equal(HttpStatusCode.BadRequest, notObject.Status);

        var wrongType = await host.Http.SendAsync(HttpMethod.Post, "/api/polls", null, key,
            r => r.Content = new StringContent("title=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrongType.Status);
        Assert.Equal("unsupported_media_type", wrongType.ErrorCode);

        var huge = await host.Http.PostReplyAsync("/api/polls", "{\"title\":\"" + new string('x', 200_000) + "\"}", key);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);
        Assert.Equal("payload_too_large", huge.ErrorCode);
    }

    internal static void AssertEnvelope(string family, Api.Reply reply, int status)
    {
        var body = reply.Json;
        switch (family)
        {
            case "polls" or "platform":
                Assert.False(string.IsNullOrEmpty(body["error"]!["code"]!.GetValue<string>()));
                Assert.False(string.IsNullOrEmpty(body["error"]!["message"]!.GetValue<string>()));
                break;
            case "account":
                Assert.Equal(status, body["status"]!.GetValue<int>());
                Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
                break;
            case "panelists":
                Assert.False(string.IsNullOrEmpty(body["error"]!.GetValue<string>()));
                Assert.False(string.IsNullOrEmpty(body["message"]!.GetValue<string>()));
                break;
            case "take":
                var error = body["response"]!["error"]!;
                Assert.Equal(status, error["httpStatusCode"]!.GetValue<int>());
                foreach (var field in new[] { "docs", "name", "id", "message", "resourceUrl" })
                    Assert.NotNull(error[field]);
                Assert.False(string.IsNullOrEmpty(body["requestID"]!.GetValue<string>()));
                break;
            case "responses":
                var first = body["errors"]![0]!;
                Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), first["status"]!.GetValue<string>());
                Assert.False(string.IsNullOrEmpty(first["code"]!.GetValue<string>()));
                Assert.False(string.IsNullOrEmpty(first["title"]!.GetValue<string>()));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(family));
        }
    }
}

/// <summary>Embedding sites call the public endpoints from browsers on other origins.</summary>
public sealed class CorsTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task Preflight_and_responses_allow_any_origin()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/polls/poll_x/vote");
        preflight.Headers.Add("Origin", "https://customer.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        using var reply = await host.Http.SendAsync(preflight);
        Assert.True(reply.IsSuccessStatusCode);
        Assert.Equal("*", reply.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var get = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        get.Headers.Add("Origin", "https://customer.example");
        using var response = await host.Http.SendAsync(get);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}
