using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Tests.Storage;

/// <summary>The connection conventions the Functions runtime reads, resolved by the one place that builds the SDK clients.</summary>
public sealed class StorageClientsTests
{
    private static Func<string, string?> Settings(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal)).Value;

    [Fact]
    public void Development_storage_uses_Azurite_default_endpoints()
    {
        var (tables, queues) = StorageClients.FromSettings("AzureWebJobsStorage", Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));
        Assert.Equal("http://127.0.0.1:10002/devstoreaccount1", tables.Uri.AbsoluteUri.TrimEnd('/'));
        Assert.Equal("http://127.0.0.1:10001/devstoreaccount1", queues.Uri.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void Explicit_endpoints_in_the_connection_string_win()
    {
        const string connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:41002/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;";
        var (tables, queues) = StorageClients.FromSettings("AzureWebJobsStorage", Settings(("AzureWebJobsStorage", connection)));
        Assert.Equal(41002, tables.Uri.Port);
        Assert.Equal(41001, queues.Uri.Port);
        Assert.Equal("devstoreaccount1", tables.AccountName);
    }

    [Fact]
    public void A_bad_connection_string_is_a_clear_error_that_never_echoes_the_key()
    {
        const string secret = "c2VjcmV0LWtleS1tYXRlcmlhbA==";
        var ex = Assert.Throws<FormatException>(() => StorageClients.FromSettings("AzureWebJobsStorage",
            Settings(("AzureWebJobsStorage", "AccountKey=" + secret + ";Nonsense"))));
        Assert.Contains("AzureWebJobsStorage", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_settings_give_public_endpoints_and_a_user_assigned_managed_identity()
    {
        (string? Kind, string? ClientId) asked = default;
        var (tables, queues) = StorageClients.FromSettings(
            "AzureWebJobsStorage",
            Settings(("AzureWebJobsStorage__accountName", "stsurvey"), ("AzureWebJobsStorage__credential", "managedidentity"),
                ("AzureWebJobsStorage__clientId", "1111-2222")),
            (kind, clientId) => { asked = (kind, clientId); return new FakeCredential(); },
            configure: null);
        Assert.Equal("https://stsurvey.table.core.windows.net/", tables.Uri.AbsoluteUri);
        Assert.Equal("https://stsurvey.queue.core.windows.net/", queues.Uri.AbsoluteUri);
        Assert.Equal(("managedidentity", "1111-2222"), asked);
        Assert.IsType<ManagedIdentityCredential>(StorageClients.CreateCredential("managedidentity", "1111-2222"));
        Assert.IsType<DefaultAzureCredential>(StorageClients.CreateCredential(null, null));
    }

    [Fact]
    public void Service_uris_may_use_the_colon_separator()
    {
        var (tables, queues) = StorageClients.FromSettings(
            "AzureWebJobsStorage",
            Settings(("AzureWebJobsStorage:tableServiceUri", "https://custom.example/tables"),
                ("AzureWebJobsStorage:queueServiceUri", "https://custom.example/queues")),
            (_, _) => new FakeCredential(),
            configure: null);
        Assert.Equal("https://custom.example/tables", tables.Uri.AbsoluteUri);
        Assert.Equal("https://custom.example/queues", queues.Uri.AbsoluteUri);
    }

    [Fact]
    public void Nothing_configured_names_the_settings_to_set()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageClients.FromSettings("AzureWebJobsStorage", Settings()));
        Assert.Contains("AzureWebJobsStorage__accountName", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retry_and_timeout_defaults_are_set_before_the_callers_changes()
    {
        var seen = new List<ClientOptions>();
        StorageClients.FromSettings("AzureWebJobsStorage", Settings(("AzureWebJobsStorage", "UseDevelopmentStorage=true")), seen.Add);
        Assert.Equal(2, seen.Count); // tables and queues
        foreach (var options in seen)
        {
            Assert.Equal(RetryMode.Exponential, options.Retry.Mode);
            Assert.Equal(5, options.Retry.MaxRetries);
            Assert.Equal(TimeSpan.FromMilliseconds(100), options.Retry.Delay);
            Assert.Equal(TimeSpan.FromSeconds(5), options.Retry.MaxDelay);
            Assert.Equal(TimeSpan.FromSeconds(30), options.Retry.NetworkTimeout);
        }
        Assert.Equal(Azure.Storage.Queues.QueueMessageEncoding.Base64,
            Assert.IsType<Azure.Storage.Queues.QueueClientOptions>(seen[1]).MessageEncoding);
    }

    [Fact]
    public async Task Identity_requests_carry_a_bearer_token_for_the_storage_scope()
    {
        var credential = new FakeCredential();
        var capture = new CapturePolicy();
        var (tables, _) = StorageClients.FromSettings(
            "AzureWebJobsStorage",
            Settings(("AzureWebJobsStorage__accountName", "stsurvey")),
            (_, _) => credential,
            options => options.AddPolicy(capture, HttpPipelinePosition.BeforeTransport));

        var deleted = await tables.GetTableClient("polls").DeleteEntityAsync("p", "r", Azure.ETag.All);

        Assert.Equal(204, deleted.Status);

        Assert.Equal("Bearer fake-token", capture.Authorization);
        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
    }

    private sealed class FakeCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("fake-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Records the Authorization header and answers 204 without touching the network.</summary>
    private sealed class CapturePolicy : HttpPipelinePolicy
    {
        public string? Authorization { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Headers.TryGetValue("Authorization", out var value))
                Authorization = value;
            message.Response = new FakeResponse(204, "No Content");
            return ValueTask.CompletedTask;
        }
    }
}
