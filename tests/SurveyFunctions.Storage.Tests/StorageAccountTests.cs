using System.Net;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace SurveyFunctions.Storage.Tests;

public sealed class StorageAccountTests
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    [Fact]
    public void Development_storage_uses_default_azurite_endpoints()
    {
        var account = StorageAccount.Parse("UseDevelopmentStorage=true");
        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), account.QueueEndpoint);
        Assert.NotNull(account.SharedKey);
    }

    [Fact]
    public void Development_storage_honours_proxy_uri()
    {
        var account = StorageAccount.Parse("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://storage-proxy");
        Assert.Equal(new Uri("http://storage-proxy:10002/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://storage-proxy:10001/devstoreaccount1"), account.QueueEndpoint);
    }

    [Fact]
    public void Account_name_key_and_suffix_give_public_endpoints()
    {
        var account = StorageAccount.Parse($"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={Key};EndpointSuffix=core.windows.net");
        Assert.Equal("acct", account.AccountName);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), account.TableEndpoint);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), account.QueueEndpoint);

        var china = StorageAccount.Parse($"AccountName=acct;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");
        Assert.Equal(new Uri("https://acct.table.core.chinacloudapi.cn"), china.TableEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_win_and_keys_are_case_insensitive()
    {
        var account = StorageAccount.Parse(
            $"defaultendpointsprotocol=http;accountname=devstoreaccount1;ACCOUNTKEY={Key};" +
            "TableEndpoint=http://127.0.0.1:51234/devstoreaccount1/;QueueEndpoint=http://127.0.0.1:51233/devstoreaccount1;BlobEndpoint=http://127.0.0.1:51232/devstoreaccount1;");
        Assert.Equal(new Uri("http://127.0.0.1:51234/devstoreaccount1"), account.TableEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:51233/devstoreaccount1"), account.QueueEndpoint);
    }

    [Fact]
    public void Account_name_is_derived_from_path_style_endpoint()
    {
        var account = StorageAccount.Parse($"AccountKey={Key};TableEndpoint=http://127.0.0.1:10002/devstoreaccount1");
        Assert.Equal("devstoreaccount1", account.AccountName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("junk")]
    [InlineData("AccountName=acct")]
    [InlineData("AccountName=acct;AccountKey=")]
    [InlineData("UseDevelopmentStorage=false")]
    [InlineData("DefaultEndpointsProtocol=ftp;AccountName=a;AccountKey=YWJj")]
    [InlineData("AccountName=a;AccountKey=YWJj;TableEndpoint=not a uri")]
    public void Junk_is_a_FormatException(string connectionString) =>
        Assert.Throws<FormatException>(() => StorageAccount.Parse(connectionString));

    [Fact]
    public void Errors_never_echo_the_key()
    {
        const string secret = "c2VjcmV0LWtleS1tYXRlcmlhbA-not-base64!!";
        var ex1 = Assert.Throws<FormatException>(() => StorageAccount.Parse($"AccountName=acct;AccountKey={secret}"));
        Assert.DoesNotContain("c2VjcmV0", ex1.ToString(), StringComparison.Ordinal);

        var ex2 = Assert.Throws<FormatException>(() => StorageAccount.Parse($"AccountName=acct;{Key}"));
        Assert.DoesNotContain("Eby8", ex2.ToString(), StringComparison.Ordinal);

        var ex3 = Assert.Throws<FormatException>(() => StorageAccount.Parse($"AccountName=acct;AccountKey={Key};AccountKey={Key}"));
        Assert.DoesNotContain("Eby8", ex3.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromIdentity_defaults_to_public_endpoints()
    {
        var account = StorageAccount.FromIdentity("acct", new FakeCredential());
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), account.TableEndpoint);
        Assert.Equal(new Uri("https://acct.queue.core.windows.net"), account.QueueEndpoint);
        Assert.Null(account.SharedKey);
    }

    [Fact]
    public void FromSettings_prefers_a_connection_string()
    {
        var settings = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", ["AzureWebJobsStorage__accountName"] = "ignored" };
        var account = StorageAccount.FromSettings("AzureWebJobsStorage", k => settings.GetValueOrDefault(k));
        Assert.Equal("devstoreaccount1", account.AccountName);
        Assert.NotNull(account.SharedKey);
    }

    [Fact]
    public void FromSettings_with_managedidentity_builds_ManagedIdentityCredential()
    {
        var settings = new Dictionary<string, string?>
        {
            ["X__accountName"] = "acct",
            ["X__credential"] = "managedidentity",
            ["X__clientId"] = "11111111-2222-3333-4444-555555555555",
        };
        var account = StorageAccount.FromSettings("X", k => settings.GetValueOrDefault(k));
        Assert.IsType<ManagedIdentityCredential>(account.TokenCredential);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), account.TableEndpoint);

        var noKind = StorageAccount.FromSettings("Y", k => k == "Y:accountName" ? "acct2" : null);
        Assert.IsType<DefaultAzureCredential>(noKind.TokenCredential);
        Assert.Equal("acct2", noKind.AccountName);
    }

    [Fact]
    public void FromSettings_reads_service_uris_with_colon_separator()
    {
        var settings = new Dictionary<string, string?>
        {
            ["S:tableServiceUri"] = "https://custom.table.example/",
            ["S:queueServiceUri"] = "https://custom.queue.example",
        };
        var account = StorageAccount.FromSettings("S", k => settings.GetValueOrDefault(k), (_, _) => new FakeCredential());
        Assert.Equal("custom", account.AccountName);
        Assert.Equal(new Uri("https://custom.table.example"), account.TableEndpoint);
        Assert.Equal(new Uri("https://custom.queue.example"), account.QueueEndpoint);
    }

    [Fact]
    public void FromSettings_without_anything_is_a_clear_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => StorageAccount.FromSettings("Missing", _ => null));
        Assert.Contains("Missing", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Identity_requests_carry_a_bearer_token_for_the_storage_scope()
    {
        var settings = new Dictionary<string, string?>
        {
            ["X__accountName"] = "acct",
            ["X__credential"] = "managedidentity",
            ["X__clientId"] = "client-123",
        };
        string? seenKind = null, seenClientId = null;
        var credential = new FakeCredential();
        var account = StorageAccount.FromSettings("X", k => settings.GetValueOrDefault(k), (kind, clientId) =>
        {
            seenKind = kind;
            seenClientId = clientId;
            return credential;
        });
        Assert.Equal("managedidentity", seenKind);
        Assert.Equal("client-123", seenClientId);

        var handler = new CapturingHandler();
        var options = new StorageClientOptions { Transport = new HttpClientTransport(handler) };
        options.Retry.MaxRetries = 0;

        var table = new TableServiceClient(account, options).GetTableClient("votes");
        Assert.Null(await table.GetEntityAsync("pk", "rk"));
        var queue = new QueueServiceClient(account, options).GetQueueClient("ballots");
        await queue.DeleteMessageAsync("id", "pop");

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("Bearer fake-token", r.Authorization));
        Assert.Equal("acct.table.core.windows.net", handler.Requests[0].Uri.Host);
        Assert.Equal("acct.queue.core.windows.net", handler.Requests[1].Uri.Host);
        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
        Assert.All(credential.Scopes, s => Assert.Equal("https://storage.azure.com/.default", s));
    }

    internal sealed class FakeCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }
            return new AccessToken("fake-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public List<(Uri Uri, string? Authorization)> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
            }
            var response = new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("") };
            response.Headers.Add("x-ms-error-code", "ResourceNotFound");
            return Task.FromResult(response);
        }
    }
}
