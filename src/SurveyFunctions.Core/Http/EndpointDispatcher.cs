using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SurveyFunctions.Core.Http.Envelopes;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// Runs an endpoint's handler for either host. Expected failures are already values; this is the edge where
/// anything unexpected becomes the family's 500 (or 503 for storage outages) instead of a stack trace.
/// </summary>
public sealed class EndpointDispatcher(ILogger<EndpointDispatcher> logger)
{
    private readonly Dictionary<string, EndpointDefinition> _byName = RouteTable.All.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>Entry point for the Functions adapters, which know their endpoint by name.</summary>
    public Task<IResult> InvokeAsync(string endpointName, HttpRequest request)
    {
        if (!_byName.TryGetValue(endpointName, out var endpoint))
            throw new InvalidOperationException($"No endpoint named '{endpointName}' in the route table.");
        RouteMatching.BindMissing(endpoint.Route, request);
        return InvokeAsync(endpoint, request.HttpContext);
    }

    public async Task<IResult> InvokeAsync(EndpointDefinition endpoint, HttpContext context)
    {
        try
        {
            return await endpoint.Handler(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return endpoint.Family.Render(ApiError.PayloadTooLarge(RequestLimits.MaxBodyBytes), context);
        }
        catch (BadHttpRequestException ex)
        {
            return endpoint.Family.Render(ApiError.BadRequest(ex.Message), context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing will read this, but the host still wants a result.
            return Results.Empty;
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == StatusCodes.Status400BadRequest)
        {
            // Storage refused a value we sent (the SDK checks no keys before sending). Ids are checked before any storage
            // call, so this is a gap in our validation: logged loudly, but still the caller's bad input, not a 500.
            Log.StorageRejectedInput(logger, ex, endpoint.Name, ex.ErrorCode ?? "");
            return endpoint.Family.Render(ApiError.BadRequest("The request contains a value that cannot be stored (an id or text with characters storage does not accept)."), context);
        }
        catch (Exception ex) when (Platform.StorageFailures.IsUnavailable(ex))
        {
            Log.StorageUnavailable(logger, ex, endpoint.Name, Platform.StorageFailures.Describe(ex));
            return endpoint.Family.Render(ApiError.StorageUnavailable(), context);
        }
        catch (Exception ex)
        {
            Log.UnhandledError(logger, ex, endpoint.Name);
            return endpoint.Family.Render(ApiError.Internal(), context);
        }
    }
}
