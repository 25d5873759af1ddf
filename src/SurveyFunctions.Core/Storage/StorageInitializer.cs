using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SurveyFunctions.Core.Storage;

/// <summary>
/// Creates missing tables and queues at startup (Azurite starts empty; in Azure, Bicep has made them and this is a no-op).
/// Storage that is briefly unreachable is retried for a while instead of crashing the host; health reports the rest.
/// </summary>
public sealed class StorageInitializer(SurveyStorage storage, IEnumerable<ITableSetup> areas, ILogger<StorageInitializer> logger) : IHostedService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                await storage.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
                foreach (var area in areas)
                    await area.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (StorageFailures.IsUnavailable(ex) && DateTime.UtcNow < deadline)
            {
                Log.StorageNotReady(logger, StorageFailures.Describe(ex));
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (StorageFailures.IsUnavailable(ex))
            {
                // Start anyway: /api/health shows the problem, and requests answer 503 until storage is back.
                Log.StorageInitFailed(logger, StorageFailures.Describe(ex));
                return;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
