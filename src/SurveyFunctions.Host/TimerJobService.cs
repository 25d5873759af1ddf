namespace SurveyFunctions.Host;

/// <summary>
/// Standalone equivalent of a Functions timer trigger: runs one of the core's timer jobs at start and then every
/// interval (the Functions CRON schedule says the same). A failed run is logged and the next tick tries again, as the
/// Functions runtime does.
/// </summary>
public sealed partial class TimerJobService(string jobName, TimeSpan interval, Func<CancellationToken, Task> run,
    ILogger<TimerJobService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await run(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogRunFailed(logger, ex, jobName);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(201, LogLevel.Error, "Timer job {JobName} failed; it runs again on the next tick")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, string jobName);
}
