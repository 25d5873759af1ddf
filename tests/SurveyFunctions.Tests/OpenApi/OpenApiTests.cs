using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Composition;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.OpenApi;

/// <summary>The served OpenAPI document lists exactly the routes the route table serves, with the same methods and names.</summary>
public sealed class OpenApiTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    /// <summary>
    /// The route table's methods as OpenAPI lists them: without HEAD. Every GET route also answers HEAD (RouteGroup.Get),
    /// and OpenAPI 3.1 would need a "head" operation per path repeating the GET's; clients take HEAD from HTTP itself
    /// (RFC 9110 §9.3.2), so the document describes GET only. HeadRequestTests checks HEAD sits exactly beside GET.
    /// </summary>
    private static IEnumerable<string> DocumentedMethods(EndpointDefinition endpoint) =>
        endpoint.Methods.Where(m => m != "HEAD");

    [Fact]
    public async Task Every_route_is_documented_and_nothing_else_is()
    {
        var reply = await host.Http.GetReplyAsync("/openapi.json");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var doc = reply.Json;
        Assert.Equal("3.1.0", doc["openapi"]!.GetValue<string>());

        var documented = doc["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(m => (Path: p.Key, Method: m.Key.ToUpperInvariant(), Id: m.Value!["operationId"]?.GetValue<string>())))
            .ToHashSet();
        var served = RouteTable.All
            .SelectMany(e => DocumentedMethods(e).Select(m => (Path: "/" + e.Route, Method: m, Id: (string?)e.Name)))
            .ToHashSet();
        Assert.Empty(served.Except(documented));
        Assert.Empty(documented.Except(served));
    }

    [Fact]
    public async Task A_key_in_the_query_string_is_documented_only_where_the_edge_reads_it()
    {
        var paths = (await host.Http.GetReplyAsync("/openapi.json")).Json["paths"]!.AsObject();
        foreach (var endpoint in RouteTable.All)
        {
            foreach (var method in DocumentedMethods(endpoint))
            {
                var security = paths["/" + endpoint.Route]![method.ToLowerInvariant()]!["security"]?.AsArray() ?? [];
                var documentsQueryKey = security.Any(s => s is JsonObject o && o.ContainsKey("TokenQuery"));
                Assert.True(documentsQueryKey == (endpoint.Family.AcceptsQueryToken() && endpoint.Auth is not EndpointAuth.Anonymous),
                    $"{endpoint.Name}: TokenQuery documented = {documentsQueryKey}");
            }
        }
    }

    [Fact]
    public async Task Every_schema_reference_resolves()
    {
        var doc = (await host.Http.GetReplyAsync("/openapi.json")).Json;
        var components = doc["components"]!.AsObject();
        var refs = Descendants(doc).OfType<JsonValue>()
            .Where(v => v.GetPath().EndsWith("['$ref']", StringComparison.Ordinal) || v.GetPath().EndsWith(".$ref", StringComparison.Ordinal))
            .Select(v => v.GetValue<string>()).ToArray();
        Assert.NotEmpty(refs);
        Assert.All(refs, r =>
        {
            // "#/components/{schemas|headers}/{name}"
            var parts = r.Split('/');
            Assert.True(parts is ["#", "components", _, _] && components[parts[2]]?.AsObject().ContainsKey(parts[3]) == true, r);
        });
    }

    /// <summary>
    /// Each security scheme of the document, presented with a credential in its form, is read by the edge
    /// (<see cref="ICredentialChecker.Presented"/>) exactly on the operations that list it: the document names every form
    /// the code accepts there and no other.
    /// </summary>
    [Fact]
    public async Task Every_operation_documents_exactly_the_auth_forms_the_edge_reads()
    {
        var doc = (await host.Http.GetReplyAsync("/openapi.json")).Json;
        var schemes = doc["components"]!["securitySchemes"]!.AsObject();
        var paths = doc["paths"]!.AsObject();
        var credentials = host.Get<ICredentialChecker>();
        foreach (var endpoint in RouteTable.All)
        {
            foreach (var method in DocumentedMethods(endpoint))
            {
                var security = paths["/" + endpoint.Route]![method.ToLowerInvariant()]!["security"]?.AsArray() ?? [];
                var documented = security.SelectMany(s => s!.AsObject().Select(p => p.Key)).ToHashSet();
                foreach (var (name, scheme) in schemes)
                {
                    var read = credentials.Presented(endpoint, Presenting(scheme!.AsObject()).Request) is not null;
                    Assert.True(read == documented.Contains(name), $"{endpoint.Name}: {name} read by the edge = {read}, documented = {documented.Contains(name)}");
                }
            }
        }
    }

    /// <summary>A request carrying a well-formed credential in the form <paramref name="scheme"/> describes.</summary>
    private static DefaultHttpContext Presenting(JsonObject scheme)
    {
        const string Credential = "sfk_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        var context = new DefaultHttpContext();
        var request = context.Request;
        switch (scheme["type"]!.GetValue<string>(), scheme["scheme"]?.GetValue<string>(), scheme["in"]?.GetValue<string>())
        {
            case ("http", "bearer", _):
                request.Headers.Authorization = "Bearer " + Credential;
                break;
            case ("http", "basic", _):
                request.Headers.Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("owner@example.com/token:" + Credential));
                break;
            case ("apiKey", _, "header"):
                request.Headers[scheme["name"]!.GetValue<string>()] = scheme["name"]!.GetValue<string>() == "X-Panelist-Key" ? "pnl_1:secret" : Credential;
                break;
            case ("apiKey", _, "query"):
                request.QueryString = new QueryString($"?{scheme["name"]!.GetValue<string>()}={Credential}");
                break;
            default:
                Assert.Fail("A security scheme this test cannot present: " + scheme.ToJsonString());
                break;
        }
        return context;
    }

    /// <summary>
    /// The hosted response page takes <c>rating</c> as its script reads it, a string: a mangled link (<c>rating=abc</c>) still
    /// opens the page, which says the rating is unknown and offers the survey, rather than an error a visitor cannot act on.
    /// </summary>
    [Fact]
    public async Task The_hosted_response_page_opens_whatever_rating_its_link_carries()
    {
        var page = await host.Http.GetAsync("/hc/en-us/survey_responses/01HZZZZZZZZZZZZZZZZZZZZZZZ?access_token=x&rating=abc");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var paths = (await host.Http.GetReplyAsync("/openapi.json")).Json["paths"]!;
        var rating = paths["/hc/{locale}/survey_responses/{id}"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "rating");
        Assert.Equal("string", rating!["schema"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_documented_exactly_where_a_route_is_rate_limited()
    {
        var paths = (await host.Http.GetReplyAsync("/openapi.json")).Json["paths"]!.AsObject();
        foreach (var endpoint in RouteTable.All)
        {
            foreach (var method in DocumentedMethods(endpoint))
            {
                var tooMany = paths["/" + endpoint.Route]![method.ToLowerInvariant()]!["responses"]!["429"];
                // A route that reads a credential also answers 429 once the address has used up its failed authentications.
                var canRefuse = endpoint.RateLimit != Core.Configuration.RateLimit.None || endpoint.Auth != EndpointAuth.Anonymous;
                Assert.True((tooMany is not null) == canRefuse, $"{endpoint.Name}: 429 documented = {tooMany is not null}");
                if (tooMany is not null)
                    Assert.Equal("#/components/headers/RetryAfter", tooMany["headers"]!["Retry-After"]!["$ref"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task The_Idempotency_Key_header_with_its_409_and_422_is_documented_exactly_on_idempotent_routes()
    {
        var paths = (await host.Http.GetReplyAsync("/openapi.json")).Json["paths"]!.AsObject();
        foreach (var endpoint in RouteTable.All)
        {
            foreach (var method in DocumentedMethods(endpoint))
            {
                var operation = paths["/" + endpoint.Route]![method.ToLowerInvariant()]!;
                var documented = (operation["parameters"]?.AsArray() ?? []).Any(p => p?["name"]?.GetValue<string>() == "Idempotency-Key");
                Assert.True(documented == endpoint.Idempotency is not null, $"{endpoint.Name}: Idempotency-Key documented = {documented}");
                var responses = operation["responses"]!;
                if (documented)
                    Assert.True(responses["409"] is not null && responses["422"] is not null, $"{endpoint.Name}: 409 and 422");
            }
        }
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var d in Descendants(child))
                yield return d;
        }
    }
}
