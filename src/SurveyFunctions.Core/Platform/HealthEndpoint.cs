using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Json;
using SurveyFunctions.Core.Storage;

namespace SurveyFunctions.Core.Platform;

/// <summary><c>GET /api/health</c>: can we reach table and queue storage right now? 200 healthy, 503 otherwise.</summary>
public sealed class HealthEndpoint(SurveyStorage storage)
{
    public async Task<IResult> GetAsync(HttpContext context)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var tables = await ProbeAsync(() => storage.Tenants.QueryPageAsync(filter: null, top: 1, ct: timeout.Token)).ConfigureAwait(false);
        var queues = await ProbeAsync(() => storage.VoteQueue.GetPropertiesAsync(timeout.Token)).ConfigureAwait(false);
        var healthy = tables is null && queues is null;
        return Results.Json(
            new HealthReply(healthy ? "healthy" : "unhealthy", new StorageHealth(tables ?? "reachable", queues ?? "reachable")),
            ApiJson.Options,
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>Null when the probe worked, else a short reason (never a stack trace or a connection string).</summary>
    private static async Task<string?> ProbeAsync(Func<Task> probe)
    {
        try
        {
            await probe().ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (StorageFailures.IsUnavailable(ex) || ex is Azure.RequestFailedException)
        {
            return StorageFailures.Describe(ex);
        }
        catch (OperationCanceledException)
        {
            return "timed out";
        }
    }
}

/// <summary>The health reply: <c>status</c> is "healthy" or "unhealthy"; each storage entry "reachable" or a short reason.</summary>
public sealed record HealthReply(string Status, StorageHealth Storage);

public sealed record StorageHealth(string Tables, string Queues);
