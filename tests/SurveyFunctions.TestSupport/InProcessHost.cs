using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SurveyFunctions.Host;

namespace SurveyFunctions.TestSupport;

/// <summary>
/// The standalone host running in this process on a free loopback port, over a private Azurite, with the settings every
/// test host shares (a known admin key and signing keys, four vote shards, its own address as the public base URL) and
/// a clock the test controls. The integration tests' fixtures and the browser tests start it the same way through here.
/// </summary>
public sealed class InProcessHost : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key";
    public const string SigningKeys = "t1=dGVzdC1zaWduaW5nLWtleS1mb3ItaW50ZWdyYXRpb24tdGVzdHMtb25seSEh";

    /// <summary>
    /// Test hosts run without rate limits: every test's requests come from one loopback address, faster than any person,
    /// and a test of something else must not depend on how fast it runs. Tests of the limits turn them on with their own.
    /// </summary>
    public const string RateLimitsOff = "--SurveyFunctions:RateLimits:Enabled=false";

    private readonly WebApplication _app;

    private InProcessHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="runJobs">Whether the aggregator and closer run in the background (off for tests that drive them by hand).</param>
    /// <param name="extraArgs">More command-line settings, after (so overriding) the shared ones.</param>
    /// <param name="configureServices">Swaps services (e.g. the storage client) before the host is built.</param>
    public static async Task<InProcessHost> StartAsync(
        AzuriteInstance storage,
        TimeProvider clock,
        bool runJobs = true,
        IEnumerable<string>? extraArgs = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{LoopbackPorts.PickOne()}");
        var app = SurveyFunctionsHost.Build(
            [
                $"--urls={baseAddress}",
                $"--AzureWebJobsStorage={storage.ConnectionString}",
                $"--SurveyFunctions:AdminKey={AdminKey}",
                $"--SurveyFunctions:SigningKeys={SigningKeys}",
                $"--SurveyFunctions:PublicBaseUrl={baseAddress}",
                "--SurveyFunctions:VoteShards=4",
                $"--Host:RunJobs={runJobs}",
                RateLimitsOff,
                // poll.results events are recorded by messages that wait out an interval after a vote: a test that compares
                // storage before and after a request would see an earlier test's. Off here; that event's tests turn it on.
                "--SurveyFunctions:PollResultsEventSeconds=0",
                "--Logging:LogLevel:Default=Warning",
                .. extraArgs ?? [],
            ],
            builder =>
            {
                builder.Services.Replace(ServiceDescriptor.Singleton(clock));
                configureServices?.Invoke(builder.Services);
            });
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new InProcessHost(app, baseAddress);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
