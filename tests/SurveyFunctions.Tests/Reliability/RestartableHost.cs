using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// The standalone host as a real process on a private Azurite, for tests that kill it (SIGKILL) mid-work and start it
/// again on the same storage. Recovery runs every 2 s (there is no test clock in a child process), so work a kill cut off
/// is finished quickly. <see cref="Http"/> talks to the host running now.
/// </summary>
internal sealed class RestartableHost : IAsyncDisposable
{
    private static readonly string[] RecoveryArgs = ["--SurveyFunctions:RecoveryIntervalSeconds=2"];

    private readonly AzuriteInstance _emulator;
    private readonly string[] _hostArgs;
    private HostProcess _host;

    private RestartableHost(AzuriteInstance emulator, HostProcess host, string[] hostArgs)
    {
        (_emulator, _host, _hostArgs) = (emulator, host, hostArgs);
        Http = Client(host);
    }

    public HttpClient Http { get; private set; }

    /// <summary>The private Azurite's connection string, for tests that write storage directly (seeding).</summary>
    public string StorageConnectionString => _emulator.ConnectionString;

    /// <param name="settings">More host settings ("--SurveyFunctions:…=…"), for every start.</param>
    public static async Task<RestartableHost> StartAsync(params string[] settings)
    {
        var emulator = await AzuriteInstance.StartAsync();
        string[] hostArgs = [.. RecoveryArgs, .. settings];
        try
        {
            return new RestartableHost(emulator, await HostProcess.StartAsync(emulator.ConnectionString, hostArgs), hostArgs);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Kills the host wherever its work is, waits for the test's clients to stop (<paramref name="stopClients"/>: a request
    /// sent in between is refused a connection, it never reached a host), then starts a new host on the same storage.
    /// </summary>
    public async Task KillAndRestartAsync(Func<Task> stopClients)
    {
        _host.Kill();
        await stopClients();
        await _host.DisposeAsync();
        _host = await HostProcess.StartAsync(_emulator.ConnectionString, _hostArgs);
        Http.Dispose();
        Http = Client(_host);
    }

    /// <summary>Runs a test's body; a failure that is not an assertion carries the host's output.</summary>
    public async Task RunAsync(Func<Task> body)
    {
        try
        {
            await body();
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"Host output:\n{_host.Output}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    private static HttpClient Client(HostProcess host) => new() { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
}
