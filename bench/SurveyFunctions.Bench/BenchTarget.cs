using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SurveyFunctions.Core.Storage;
using SurveyFunctions.Host;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Bench;

/// <summary>
/// The service under load: the standalone host started in-process over a private Azurite, or a host already running
/// (<c>--url</c>). Disposing stops what was started here.
/// </summary>
internal sealed class BenchTarget : IAsyncDisposable
{
    private AzuriteInstance? _emulator;
    private WebApplication? _app;
    private HostChild? _child;

    public Uri BaseUri { get; private set; } = null!;
    public string AdminKey { get; private set; } = "";

    /// <summary>The storage connection string when known (always for our own Azurite, with <c>--storage</c> otherwise).</summary>
    public string? Storage { get; private set; }

    /// <summary>What the report's Target line says was measured.</summary>
    public string Description { get; private set; } = "";

    public bool IsInProcess => _emulator is not null;

    /// <summary>The host in a process of its own (the export scenario, which measures that process's memory), else null.</summary>
    public HostChild? Host => _child;

    /// <summary>Every storage request of the in-process host, by kind (none counted against an external host).</summary>
    public StorageRequestCounter? StorageRequests { get; private set; }

    public string AzuriteStandardError => _emulator?.CapturedStandardError ?? "";

    public async Task StartAsync(BenchOptions options)
    {
        Storage = options.StorageConnectionString;
        if (options.Url is not null)
        {
            BaseUri = options.Url.AbsoluteUri.EndsWith('/') ? options.Url : new Uri(options.Url.AbsoluteUri + "/");
            AdminKey = options.AdminKey!;
            Description = "external host " + BaseUri;
            return;
        }

        BenchLog.Write("starting Azurite" + (options.AzuritePartitionIndex ? " with its partition index for single-partition queries" : ""));
        _emulator = await StartAzuriteAsync(options.AzuritePartitionIndex).ConfigureAwait(false);
        if (options.AzuritePartitionIndex && !_emulator.CapturedStandardError.Contains("bench: Azurite table queries", StringComparison.Ordinal))
            throw new InvalidOperationException("--azurite-partition-index: the preload did not patch Azurite: " + _emulator.CapturedStandardError);
        var azurite = options.AzuritePartitionIndex
            ? "private in-memory Azurite reading single-partition queries through its PartitionKey index (bench/azurite-partition-index.js)"
            : "private in-memory Azurite";
        Storage = _emulator.ConnectionString;
        var connection = _emulator.ConnectionString;
        if (options.Scenario == "export")
        {
            _child = await HostChild.StartAsync(connection, options.ExportServerGc).ConfigureAwait(false);
            (BaseUri, AdminKey) = (_child.BaseUri, _child.AdminKey);
            Description = $"SurveyFunctions.Host in its own process (pid {_child.ProcessId}, {(options.ExportServerGc ? "server" : "workstation")} GC) " +
                "+ " + azurite + ", same machine";
            BenchLog.Write("host process listening on " + BaseUri);
            return;
        }
        var port = LoopbackPorts.PickOne();
        BaseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        AdminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var signing = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        _app = SurveyFunctionsHost.Build(
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--AzureWebJobsStorage={_emulator.ConnectionString}",
            $"--SurveyFunctions:AdminKey={AdminKey}",
            $"--SurveyFunctions:SigningKeys=t1={signing}",
            $"--SurveyFunctions:PublicBaseUrl={BaseUri}",
            "--SurveyFunctions:VoteShards=" + options.VoteShards.ToString(CultureInfo.InvariantCulture),
            // Every virtual voter is 127.0.0.1: the per-address limits that protect a real deployment would measure
            // themselves, not the vote pipeline. Off here only; the report says so.
            InProcessHost.RateLimitsOff,
            "--Logging:LogLevel:Default=Warning",
        ], builder =>
        {
            // The host's own clients, built as AddStorage builds them, with the counting policy on both.
            var counter = StorageRequests = new StorageRequestCounter();
            var (tables, queues) = StorageClients.FromSettings("AzureWebJobsStorage", _ => connection, counter.Attach);
            builder.Services.Replace(ServiceDescriptor.Singleton(_ => new SurveyStorage(tables, queues)));
        });
        await _app.StartAsync().ConfigureAwait(false);
        Description = "in-process SurveyFunctions.Host (Kestrel, background aggregator + closer, rate limits off: every voter is 127.0.0.1) + " + azurite + ", same machine";
        BenchLog.Write("host listening on " + BaseUri);
    }

    /// <summary>
    /// Azurite answers every table query by scanning the whole table, so a scenario run after another would pay for the
    /// votes the earlier one left behind (Azure Table Storage would not: it reads key ranges from its index). On our own
    /// Azurite each scenario therefore starts with an empty votes table; its own votes still accumulate as it runs.
    /// </summary>
    public async Task StartFromEmptyVotesTableAsync(string scenario)
    {
        if (_emulator is null)
            return;
        var connection = _emulator.ConnectionString;
        var votes = StorageClients.FromSettings("AzureWebJobsStorage", _ => connection).Tables.GetTableClient(StorageNames.PollVotesTable);
        await votes.DeleteAsync().ConfigureAwait(false); // a missing table is a 404 response, not an error
        await votes.CreateIfNotExistsAsync().ConfigureAwait(false);
        BenchLog.Write($"{scenario}: votes table emptied (private Azurite)");
    }

    /// <summary>Azurite, with bench/azurite-partition-index.js preloaded when asked (Azurite's node inherits NODE_OPTIONS).</summary>
    private static async Task<AzuriteInstance> StartAzuriteAsync(bool partitionIndex)
    {
        if (!partitionIndex)
            return await AzuriteInstance.StartAsync().ConfigureAwait(false);
        var script = Path.Combine(AzuriteInstance.FindRepoRoot(), "bench", "azurite-partition-index.js");
        var before = Environment.GetEnvironmentVariable("NODE_OPTIONS");
        Environment.SetEnvironmentVariable("NODE_OPTIONS", $"--require \"{script}\"");
        try
        {
            return await AzuriteInstance.StartAsync().ConfigureAwait(false);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NODE_OPTIONS", before);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _child?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
        if (_emulator is not null)
            await _emulator.DisposeAsync().ConfigureAwait(false);
    }
}
