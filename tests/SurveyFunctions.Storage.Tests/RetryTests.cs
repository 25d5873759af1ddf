using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Storage.Tests;

[Collection(TablesGroup.Name)]
public sealed class RetryTests(AzuriteFixture fx)
{
    /// <summary>Answers 503 to the first <c>failures</c> attempts without touching the network, then lets requests through.</summary>
    private sealed class Fail503Policy(int failures) : HttpPipelinePolicy
    {
        private int _attempts;
        public int Attempts => Volatile.Read(ref _attempts);
        public List<string> Dates { get; } = [];
        public List<string> Signatures { get; } = [];

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var attempt = Interlocked.Increment(ref _attempts);
            message.Request.Headers.TryGetValue("x-ms-date", out var date);
            message.Request.Headers.TryGetValue("Authorization", out var auth);
            lock (Dates)
            {
                Dates.Add(date ?? "");
                Signatures.Add(auth ?? "");
            }
            if (attempt <= failures)
            {
                message.Response = new FakeResponse(503, "Server Busy", "", new Dictionary<string, string> { ["x-ms-error-code"] = "ServerBusy" });
                return;
            }
            await ProcessNextAsync(message, pipeline);
        }
    }

    private static StorageClientOptions FastRetries(HttpPipelinePolicy policy)
    {
        var options = new StorageClientOptions();
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(20);
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        return options;
    }

    [Fact]
    public async Task Transient_503s_are_retried_until_success()
    {
        var table = await fx.NewTableAsync();
        await table.AddEntityAsync(new TableEntity("pk", "rk") { ["V"] = 7 });

        var policy = new Fail503Policy(failures: 3);
        var flaky = new TableServiceClient(fx.Account, FastRetries(policy)).GetTableClient(table.Name);

        var entity = await flaky.GetEntityAsync("pk", "rk");
        Assert.Equal(7, entity!.GetInt32("V"));
        Assert.Equal(4, policy.Attempts);
        // Every attempt was signed (the signing policy runs per retry, before ours).
        Assert.All(policy.Dates, d => Assert.False(string.IsNullOrEmpty(d)));
        Assert.All(policy.Signatures, s => Assert.StartsWith("SharedKey devstoreaccount1:", s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Transient_503s_on_queue_writes_are_retried()
    {
        var queue = await fx.NewQueueAsync();
        var policy = new Fail503Policy(failures: 2);
        var flaky = new QueueServiceClient(fx.Account, FastRetries(policy)).GetQueueClient(queue.Name);

        await flaky.SendMessageAsync("after retries");
        Assert.Equal(3, policy.Attempts);
        Assert.Equal("after retries", Assert.Single(await queue.ReceiveMessagesAsync()).MessageText);
    }

    [Fact]
    public async Task Persistent_503_surfaces_after_max_retries_plus_one_attempts()
    {
        var policy = new Fail503Policy(failures: int.MaxValue);
        var options = FastRetries(policy);
        options.Retry.MaxRetries = 3;
        var flaky = new TableServiceClient(fx.Account, options).GetTableClient("neverReached");

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => flaky.GetEntityAsync("pk", "rk"));
        Assert.Equal(503, ex.Status);
        Assert.Equal("ServerBusy", ex.ErrorCode);
        Assert.Equal(4, policy.Attempts);
    }

    [Fact]
    public void Default_retry_options_match_the_contract()
    {
        var options = new StorageClientOptions();
        Assert.Equal(RetryMode.Exponential, options.Retry.Mode);
        Assert.Equal(5, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.Retry.Delay);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Retry.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Retry.NetworkTimeout);
    }
}
