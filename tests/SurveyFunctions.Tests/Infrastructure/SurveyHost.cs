using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// A private Azurite plus the standalone host listening on a free loopback port: tests talk real HTTP to the real host
/// over the real storage client. One per test class (xunit class fixture); TestSupport's InProcessHost starts the host.
/// </summary>
public class SurveyHost : IAsyncLifetime
{
    public const string AdminKey = InProcessHost.AdminKey;
    public const string SigningKeys = InProcessHost.SigningKeys;

    private AzuriteInstance? _emulator;
    private InProcessHost? _host;

    public TestClock Clock { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public Uri BaseAddress => _host!.BaseAddress;
    public IServiceProvider Services => _host!.Services;
    public string StorageConnectionString => _emulator!.ConnectionString;

    /// <summary>Whether the aggregator and closer run in the background (off for tests that drive them by hand).</summary>
    protected virtual bool RunJobs => true;

    /// <summary>Extra command-line settings for a fixture that needs them.</summary>
    protected virtual IEnumerable<string> ExtraArgs => [];

    /// <summary>Lets a fixture swap services (e.g. the storage client) before the host is built.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        _emulator = await AzuriteInstance.StartAsync();
        _host = await InProcessHost.StartAsync(_emulator, Clock, RunJobs, ExtraArgs, ConfigureServices);
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync();
        if (_emulator is not null)
            await _emulator.DisposeAsync();
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

}

/// <summary>Jobs on, and a message is poisoned after its first failed delivery (so the test need not wait for retries).</summary>
public sealed class PoisonOnFirstFailureSurveyHost : SurveyHost
{
    protected override IEnumerable<string> ExtraArgs => ["--SurveyFunctions:MaxDequeueCount=1", "--Logging:LogLevel:SurveyFunctions.Host=None"];
}

/// <summary>The same host with its background jobs off: the test runs the aggregator and closer itself.</summary>
public sealed class ManualJobsSurveyHost : SurveyHost
{
    protected override bool RunJobs => false;
}

/// <summary>
/// Jobs off (the test runs them), and a deleted survey's purge in passes of 20 rows, so a purge of a few surveys' data takes
/// many passes, each queuing the next.
/// </summary>
public sealed class SmallPurgePassesSurveyHost : SurveyHost
{
    public const int RowsPerPass = 20;

    protected override bool RunJobs => false;

    protected override IEnumerable<string> ExtraArgs => [$"--SurveyFunctions:PurgeRowsPerPass={RowsPerPass}"];
}

/// <summary>
/// Jobs on, and every storage request of the host (votes, aggregator, queue) goes through a <see cref="StorageFaultPolicy"/>
/// the test turns up and down. Retries are quicker than production's so a fault storm does not take minutes.
/// </summary>
public sealed class FaultInjectingSurveyHost : SurveyHost
{
    public StorageFaultPolicy Faults { get; } = new(seed: 20261121);

    // Stranded batches (commit applied, queue send failed) are re-announced within seconds, not a minute.
    protected override IEnumerable<string> ExtraArgs => ["--SurveyFunctions:RecoveryIntervalSeconds=2", "--Logging:LogLevel:SurveyFunctions=None",
        "--Logging:LogLevel:SurveyFunctions.Host=None"];

    protected override void ConfigureServices(IServiceCollection services)
    {
        var (tables, queues) = StorageClients.FromSettings("AzureWebJobsStorage", _ => StorageConnectionString, options =>
        {
            options.Retry.Delay = TimeSpan.FromMilliseconds(20);
            options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
            options.AddPolicy(Faults, HttpPipelinePosition.PerRetry);
        });
        services.Replace(ServiceDescriptor.Singleton(_ => new SurveyStorage(tables, queues)));
    }
}

/// <summary>
/// Rate limits on, small enough to reach in a few requests, over a 12-second window (the limiter counts real time, so
/// a test waits out its Retry-After instead of moving the clock). Requests name their client address in
/// <see cref="ClientAddressHeader"/>, the way a trusted proxy in front would, so each test is a different client. Key
/// lookups (requests to the API keys table) are counted in <see cref="KeyLookups"/>.
/// </summary>
public sealed class RateLimitedSurveyHost : SurveyHost
{
    public const string ClientAddressHeader = "X-Test-Client-Address";
    public const int WindowSeconds = 12;
    public const int Reads = 3;
    public const int Votes = 4;
    public const int VotesPerFingerprint = 2;
    public const int Take = 3;
    public const int Panelists = 4;
    public const int PerPanelistKey = 2;
    public const int Responses = 4;
    public const int PerAccessToken = 2;
    public const int AuthFailures = 3;

    private int _nextAddress;

    protected override IEnumerable<string> ExtraArgs =>
    [
        "--SurveyFunctions:RateLimits:Enabled=true",
        $"--SurveyFunctions:RateLimits:WindowSeconds={WindowSeconds}",
        $"--SurveyFunctions:RateLimits:ClientAddressHeader={ClientAddressHeader}",
        $"--SurveyFunctions:RateLimits:Reads:PerAddress={Reads}",
        $"--SurveyFunctions:RateLimits:Votes:PerAddress={Votes}",
        $"--SurveyFunctions:RateLimits:Votes:PerCaller={VotesPerFingerprint}",
        $"--SurveyFunctions:RateLimits:Take:PerAddress={Take}",
        $"--SurveyFunctions:RateLimits:Panelists:PerAddress={Panelists}",
        $"--SurveyFunctions:RateLimits:Panelists:PerCaller={PerPanelistKey}",
        $"--SurveyFunctions:RateLimits:Responses:PerAddress={Responses}",
        $"--SurveyFunctions:RateLimits:Responses:PerCaller={PerAccessToken}",
        $"--SurveyFunctions:RateLimits:AuthFailures:PerAddress={AuthFailures}",
    ];

    public StorageRequestCounter StorageRequests { get; } = new();

    /// <summary>Requests to the API keys table so far.</summary>
    public long KeyLookups => StorageRequests.For(StorageNames.ApiKeysTable);

    protected override void ConfigureServices(IServiceCollection services)
    {
        var (tables, queues) = StorageClients.FromSettings("AzureWebJobsStorage", _ => StorageConnectionString,
            StorageRequests.Attach);
        services.Replace(ServiceDescriptor.Singleton(_ => new SurveyStorage(tables, queues)));
    }

    /// <summary>A client at an address no other client of this host has had (from the documentation range 203.0.113.0/24 up).</summary>
    public HttpClient NewClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add(ClientAddressHeader, NewAddress());
        return client;
    }

    /// <summary>A client whose every request comes from a new address: for checking results without using up anyone's limit.</summary>
    public HttpClient NewClientPerRequest() =>
        new(new NewAddressPerRequest(this) { InnerHandler = new SocketsHttpHandler() }) { BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60) };

    private string NewAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return $"203.0.{113 + n / 250}.{n % 250 + 1}";
    }

    private sealed class NewAddressPerRequest(RateLimitedSurveyHost host) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(ClientAddressHeader, host.NewAddress());
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>Jobs off (the test runs the aggregator), and every storage request of the host counted by kind and table.</summary>
public sealed class RequestCountingSurveyHost : SurveyHost
{
    public StorageRequestCounter StorageRequests { get; } = new();

    protected override bool RunJobs => false;

    protected override void ConfigureServices(IServiceCollection services)
    {
        var (tables, queues) = StorageClients.FromSettings("AzureWebJobsStorage", _ => StorageConnectionString, StorageRequests.Attach);
        services.Replace(ServiceDescriptor.Singleton(_ => new SurveyStorage(tables, queues)));
    }
}
