using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Polls;

namespace SurveyFunctions.Host;

/// <summary>Standalone equivalent of the <c>ClosePolls</c> timer trigger: runs the closing job every <c>CloserIntervalSeconds</c>.</summary>
public sealed partial class PollClosingService(PollCloser closer, IOptions<SurveyFunctionsOptions> options, ILogger<PollClosingService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CloserIntervalSeconds));
        do
        {
            try
            {
                await closer.RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRunFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(201, LogLevel.Error, "Closing job failed; it runs again on the next tick")]
    private static partial void LogRunFailed(ILogger logger, Exception exception);
}
