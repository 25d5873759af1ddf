using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace SurveyFunctions.Core.Http.Hosted;

/// <summary>
/// A 200 whose body is written while it is produced (exports of any size): the status and headers go out at once, so the
/// response starts before the first row is read, and the body streams with chunked transfer encoding, never held whole. A
/// HEAD gets the headers only. Once the status is sent an error can no longer become an error envelope, so a failure part-way
/// aborts the connection: the client sees a transfer cut short (an incomplete chunked body), never a file that looks complete.
/// </summary>
public sealed partial class StreamedFile(string contentType, string fileName, Func<Stream, CancellationToken, Task> write) : IResult
{
    /// <summary>More response headers (the export's <c>as_of</c>, …).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(fileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.CacheControl = "no-store";
        foreach (var (name, value) in Headers)
            response.Headers[name] = value;
        if (HttpMethods.IsHead(httpContext.Request.Method))
            return;

        var ct = httpContext.RequestAborted;
        try
        {
            await response.StartAsync(ct).ConfigureAwait(false);
            await write(response.Body, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away: nothing to tell anyone.
        }
        catch (Exception ex)
        {
            var logger = httpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<StreamedFile>();
            LogStreamFailed(logger, ex, httpContext.Request.Path);
            httpContext.Abort();
        }
    }

    [LoggerMessage(1, LogLevel.Error, "Streaming {Path} failed part-way; the connection was aborted so the client sees an incomplete file")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception, string path);
}
