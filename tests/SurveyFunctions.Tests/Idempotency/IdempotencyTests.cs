using System.Net;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Tests.Infrastructure;
using static SurveyFunctions.Tests.Idempotency.KeyedCall;

namespace SurveyFunctions.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on creates: a retry with the same key and body answers the first answer's bytes and writes nothing;
/// another body is 422; many at once run once; one tenant's key is nothing to another.
/// </summary>
public sealed class IdempotencyTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    [Fact]
    public async Task A_retried_poll_create_answers_the_same_bytes_and_writes_nothing()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        var key = NewKey();
        var first = await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey));
        Assert.Equal(HttpStatusCode.Created, first.Status);

        var storage = host.Get<SurveyStorage>();
        var before = await StorageSnapshot.TakeAsync(storage);
        for (var retry = 0; retry < 3; retry++)
            AssertSameAnswer(first, await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey)));
        StorageSnapshot.AssertUnchanged(before, await StorageSnapshot.TakeAsync(storage), "three retries of a poll create");
        Assert.Single((await host.Http.GetReplyAsync("/api/polls", apiKey)).Json["polls"]!.AsArray());

        // Without a key, or with another one, a create is a create.
        Assert.Equal(HttpStatusCode.Created, (await host.Http.PostAsync("/api/polls", PollBody, null, ApiKey(apiKey))).Status);
        var other = await host.Http.PostAsync("/api/polls", PollBody, NewKey(), ApiKey(apiKey));
        Assert.False(other.Replayed);
        Assert.Equal(3, (await host.Http.GetReplyAsync("/api/polls", apiKey)).Json["polls"]!.AsArray().Count);
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_or_path_is_422_and_writes_nothing()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        var key = NewKey();
        Assert.Equal(HttpStatusCode.Created, (await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(apiKey))).Status);
        var storage = host.Get<SurveyStorage>();
        var before = await StorageSnapshot.TakeAsync(storage);

        var changed = await host.Http.PostAsync("/api/polls", PollBody.Replace("Tabs or spaces?", "Vim or Emacs?", StringComparison.Ordinal), key,
            ApiKey(apiKey));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.Status);
        Assert.Equal("idempotency_key_reused", changed.Json["error"]!["code"]!.GetValue<string>());
        Assert.Contains("Idempotency-Key", changed.Json["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        StorageSnapshot.AssertUnchanged(before, await StorageSnapshot.TakeAsync(storage), "a reused key with another body");
        Assert.Single((await host.Http.GetReplyAsync("/api/polls", apiKey)).Json["polls"]!.AsArray());
    }

    [Fact]
    public async Task Twenty_concurrent_survey_creates_with_one_key_create_one_survey()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        var key = NewKey();
        var body = SurveyApi.SmallSurvey("Once").ToJsonString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => host.Http.PostAsync("/api/surveys", body, key, ApiKey(apiKey))));

        var executed = answers.Where(a => a.Status == HttpStatusCode.Created && !a.Replayed).ToArray();
        Assert.Single(executed);
        foreach (var answer in answers.Except(executed))
        {
            if (answer.Status == HttpStatusCode.Created)
                AssertSameAnswer(executed[0], answer);
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, answer.Status);
                Assert.Equal("idempotency_key_in_progress", answer.Json["error"]!["code"]!.GetValue<string>());
                Assert.Equal("1", answer.Header("Retry-After"));
            }
        }
        var surveys = (await host.Http.GetReplyAsync("/api/surveys", apiKey)).Json["surveys"]!.AsArray();
        Assert.Single(surveys);
        // Once the first has finished, every retry is its replay.
        AssertSameAnswer(executed[0], await host.Http.PostAsync("/api/surveys", body, key, ApiKey(apiKey)));
    }

    [Fact]
    public async Task Another_tenant_sending_the_same_key_and_body_gets_its_own_execution()
    {
        var (_, a, _) = await host.Http.CreateTenantAsync();
        var (_, b, _) = await host.Http.CreateTenantAsync();
        var key = NewKey();
        var first = await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(a));
        var second = await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(b));
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.False(second.Replayed);
        Assert.NotEqual(first.Json["id"]!.GetValue<string>(), second.Json["id"]!.GetValue<string>());
        var bPolls = (await host.Http.GetReplyAsync("/api/polls", b)).Json["polls"]!.AsArray();
        Assert.Equal(second.Json["id"]!.GetValue<string>(), Assert.Single(bPolls)!["id"]!.GetValue<string>());
        Assert.Single((await host.Http.GetReplyAsync("/api/polls", a)).Json["polls"]!.AsArray());
        // And each tenant's retry replays its own answer.
        AssertSameAnswer(second, await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(b)));
        AssertSameAnswer(first, await host.Http.PostAsync("/api/polls", PollBody, key, ApiKey(a)));
    }

    [Fact]
    public async Task Bad_keys_are_refused_before_anything_runs()
    {
        var (_, apiKey, _) = await host.Http.CreateTenantAsync();
        foreach (var bad in new[] { "", new string('k', 256), "tab\tinside" })
        {
            var answer = await host.Http.PostAsync("/api/polls", PollBody, bad, ApiKey(apiKey));
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.Equal("Idempotency-Key", answer.Json["error"]!["field"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.Created, (await host.Http.PostAsync("/api/polls", PollBody, new string('k', 255), ApiKey(apiKey))).Status);
        Assert.Single((await host.Http.GetReplyAsync("/api/polls", apiKey)).Json["polls"]!.AsArray());
    }
}
