using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Tests.Infrastructure;
using SurveyFunctions.Tests.Platform;

namespace SurveyFunctions.Tests.Http;

/// <summary>Each family's envelope renders the shape its documentation gives (unit level: every family, every kind).</summary>
public sealed class EnvelopeTests
{
    [Theory]
    [InlineData(ApiFamily.Polls, "polls")]
    [InlineData(ApiFamily.Platform, "platform")]
    [InlineData(ApiFamily.Surveys, "polls")]
    [InlineData(ApiFamily.Account, "account")]
    [InlineData(ApiFamily.Panelists, "panelists")]
    [InlineData(ApiFamily.Take, "take")]
    [InlineData(ApiFamily.Responses, "responses")]
    public async Task Unauthorized_renders_in_each_family_shape(ApiFamily family, string name)
    {
        var (status, body) = await RenderAsync(family, ApiError.Unauthorized());
        Assert.Equal(401, status);
        PlatformTests.AssertEnvelope(name, new Infrastructure.Api.Reply((System.Net.HttpStatusCode)status, body, new HttpResponseMessage().Headers),
            401);
    }

    [Fact]
    public async Task Take_family_uses_the_documented_names_and_ids()
    {
        var expected = new Dictionary<ApiError, (string Name, string Id)>
        {
            [ApiError.BadRequest("x")] = ("BAD_REQUEST", "1000"),
            [ApiError.Unauthorized()] = ("UNAUTHORIZED", "1010"),
            [ApiError.Forbidden("x")] = ("FORBIDDEN", "1013"),
            [ApiError.NotFound("x")] = ("NOT_FOUND", "1040"),
            [ApiError.Internal()] = ("INTERNAL_SERVER_ERROR", "1026"),
        };
        foreach (var (error, (name, id)) in expected)
        {
            var (_, body) = await RenderAsync(ApiFamily.Take, error);
            Assert.Equal(name, body["response"]!["error"]!["name"]!.GetValue<string>());
            Assert.Equal(id, body["response"]!["error"]!["id"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Responses_family_status_is_a_string_and_codes_are_pascal_case()
    {
        var (status, body) = await RenderAsync(ApiFamily.Responses,
            ApiError.Conflict("The survey associated with this survey response has been disabled"));
        Assert.Equal(409, status);
        Assert.Equal("Conflict", body["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("409", body["errors"]![0]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unexpected_exception_becomes_the_family_500_without_details()
    {
        var dispatcher = Dispatchers.WithDefaults();
        var endpoint = new EndpointDefinition("Boom", ApiFamily.Responses, "", "x", ["GET"], EndpointAuth.Anonymous, RateLimit.None,
            _ => throw new InvalidOperationException("secret detail"));
        var context = NewContext();
        var result = await dispatcher.InvokeAsync(endpoint, context);
        await result.ExecuteAsync(context);
        var text = await ReadBodyAsync(context);
        Assert.Equal(500, context.Response.StatusCode);
        Assert.DoesNotContain("secret detail", text, StringComparison.Ordinal);
        Assert.Equal("InternalServerError", JsonNode.Parse(text)!["errors"]![0]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_value_storage_refuses_becomes_the_family_400_not_a_500()
    {
        // The SDK sends keys unchecked; should an input check ever miss, storage's 400 is still the caller's bad input.
        var dispatcher = Dispatchers.WithDefaults();
        var endpoint = new EndpointDefinition("BadKey", ApiFamily.Polls, "", "x", ["GET"], EndpointAuth.Anonymous, RateLimit.None,
            _ => throw new Azure.RequestFailedException(400, "The 'PartitionKey' parameter of value 'a/b' is out of range.", "OutOfRangeInput",
                null));
        var context = NewContext();
        var result = await dispatcher.InvokeAsync(endpoint, context);
        await result.ExecuteAsync(context);
        var body = JsonNode.Parse(await ReadBodyAsync(context))!;
        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("validation_error", body["error"]!["code"]!.GetValue<string>());
        Assert.DoesNotContain("a/b", body.ToJsonString(), StringComparison.Ordinal);
    }

    private static async Task<(int Status, JsonNode Body)> RenderAsync(ApiFamily family, ApiError error)
    {
        var context = NewContext();
        await family.Render(error, context).ExecuteAsync(context);
        return (context.Response.StatusCode, JsonNode.Parse(await ReadBodyAsync(context))!);
    }

    private static DefaultHttpContext NewContext()
    {
        var services = new ServiceCollection().AddLogging().AddSingleton(RouteTable.Catalog).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Path = "/a/api/v2/surveys/1/take";
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return await reader.ReadToEndAsync();
    }
}

/// <summary>The adapters' entry point works even when the host has not bound route values (as the Functions worker may not).</summary>
public sealed class DispatcherRouteBindingTests
{
    [Fact]
    public void Missing_route_values_are_bound_from_the_path()
    {
        var context = new DefaultHttpContext();
        // Hosts hand over the path already decoded; the matcher must not decode it a second time.
        context.Request.Path = "/api/admin/tenants/tnt_abc/keys/k y";
        RouteTable.Catalog.BindMissing(Endpoint("AdminRevokeKey").Route, context.Request);
        Assert.Equal("tnt_abc", context.Request.RouteValues["tenantId"]);
        Assert.Equal("k y", context.Request.RouteValues["keyId"]);

        var other = new DefaultHttpContext();
        other.Request.Path = "/api/polls";
        RouteTable.Catalog.BindMissing(Endpoint("PollsGet").Route, other.Request);
        Assert.Empty(other.Request.RouteValues);
    }

    [Fact]
    public void Allowed_methods_come_from_every_route_matching_the_path()
    {
        Assert.Equal(["DELETE", "GET", "HEAD", "PATCH"], RouteTable.Catalog.AllowedMethods("/api/polls/poll_1").Order(StringComparer.Ordinal));
        Assert.Equal(["GET", "HEAD", "POST"], RouteTable.Catalog.AllowedMethods("/API/Polls/poll_1/vote").Order(StringComparer.Ordinal));
        Assert.Empty(RouteTable.Catalog.AllowedMethods("/api/polls/poll_1/nothing"));
        Assert.Empty(RouteTable.Catalog.AllowedMethods("/api/polls//vote"));
    }

    [Fact]
    public void Every_route_sits_under_its_family_prefix()
    {
        // Unknown paths and 405s are answered in the family envelope by prefix, so each family's routes must live under it.
        Assert.All(RouteTable.All, e => Assert.Equal(e.Family, RouteTable.Catalog.FamilyOf("/" + e.Route)));
    }

    private static EndpointDefinition Endpoint(string name) => RouteTable.All.Single(e => e.Name == name);
}
