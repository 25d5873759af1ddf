using System.Text;
using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Http.Envelopes;
using SurveyFunctions.Core.Http.Idempotency;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Idempotency;

/// <summary>
/// A request that fails with a 5xx (an exception, or storage unavailable) releases its <c>Idempotency-Key</c> at once, so the
/// client's retry runs instead of getting the failure replayed; a 4xx is kept and replayed. Driven through the host's own
/// dispatcher (its idempotency table in Azurite) with an endpoint whose handler fails on demand.
/// </summary>
public sealed class IdempotencyReleaseTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Theory]
    [InlineData("exception", 500)]
    [InlineData("storage unavailable", 503)]
    public async Task A_5xx_releases_the_key_and_the_retry_runs(string failure, int status)
    {
        var runs = 0;
        var endpoint = Endpoint(_ =>
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                return failure == "exception"
                    ? throw new InvalidOperationException("the first attempt fails")
                    : Task.FromResult(ApiError.StorageUnavailable().ToResult());
            }
            return Task.FromResult(Results.Json(new { run = runs }, statusCode: 201));
        });
        var key = KeyedCall.NewKey();
        var (firstStatus, _, firstReplayed) = await SendAsync(endpoint, key);
        Assert.Equal((status, false), (firstStatus, firstReplayed));
        var (retryStatus, retryBody, retryReplayed) = await SendAsync(endpoint, key);
        Assert.Equal((201, false), (retryStatus, retryReplayed));
        var (replayStatus, replayBody, replayed) = await SendAsync(endpoint, key);
        Assert.Equal((201, true), (replayStatus, replayed));
        Assert.Equal(retryBody, replayBody);
        Assert.Equal("{\"run\":2}", replayBody);
        Assert.Equal(2, runs);
    }

    [Fact]
    public async Task A_4xx_is_kept_and_replayed_without_running_again()
    {
        var runs = 0;
        var endpoint = Endpoint(_ =>
        {
            Interlocked.Increment(ref runs);
            return Task.FromResult(ApiError.BadRequest("Nope.", "title").ToResult());
        });
        var key = KeyedCall.NewKey();
        var (status, body, replayed) = await SendAsync(endpoint, key);
        Assert.Equal((400, false), (status, replayed));
        Assert.Equal((400, body, true), await SendAsync(endpoint, key));
        Assert.Equal(1, runs);
    }

    /// <summary>A public endpoint of its own scope (a fresh one per test), as a route with its credential in the body declares.</summary>
    private static EndpointDefinition Endpoint(Func<HttpContext, Task<IResult>> handler)
    {
        var scope = "test|" + Guid.NewGuid().ToString("N");
        return new EndpointDefinition("Flaky", ApiFamily.Polls, "", "test/flaky", ["POST"], EndpointAuth.Anonymous, RateLimit.None, handler)
        {
            Idempotency = new IdempotencyPolicy(_ => Task.FromResult<string?>(scope)),
        };
    }

    private async Task<(int Status, string Body, bool Replayed)> SendAsync(EndpointDefinition endpoint, string key)
    {
        var context = new DefaultHttpContext { RequestServices = host.Services };
        context.Request.Method = "POST";
        context.Request.Path = "/test/flaky";
        context.Request.ContentType = "application/json";
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("""{"title":"t"}"""));
        context.Request.Headers[IdempotencyKeys.Header] = key;
        context.Response.Body = new MemoryStream();
        var result = await host.Get<EndpointDispatcher>().InvokeAsync(endpoint, context);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, body, context.Response.Headers[IdempotencyKeys.ReplayedHeader] == "true");
    }
}
