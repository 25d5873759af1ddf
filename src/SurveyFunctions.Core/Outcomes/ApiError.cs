namespace SurveyFunctions.Core.Outcomes;

/// <summary>
/// A failure as a value. <paramref name="Code"/> is the machine-readable code where a family documents one
/// (e.g. the Polls family's <c>poll_not_found</c>); <paramref name="Field"/> names the offending input field.
/// </summary>
public sealed record ApiError(ErrorKind Kind, string Code, string Message, string? Field = null)
{
    public int StatusCode => Kind.ToStatusCode();

    public static ApiError BadRequest(string message, string? field = null) => new(ErrorKind.BadRequest, "validation_error", message, field);
    public static ApiError Unauthorized(string message = "Missing or invalid API key.") => new(ErrorKind.Unauthorized, "unauthorized", message);
    public static ApiError Forbidden(string message) => new(ErrorKind.Forbidden, "forbidden", message);
    public static ApiError NotFound(string message, string code = "not_found") => new(ErrorKind.NotFound, code, message);
    public static ApiError Conflict(string message, string code = "conflict") => new(ErrorKind.Conflict, code, message);
    public static ApiError PayloadTooLarge(long limit) => new(ErrorKind.PayloadTooLarge, "payload_too_large",
        $"The request body is larger than the {limit} bytes allowed.");
    public static ApiError UnsupportedMediaType() => new(ErrorKind.UnsupportedMediaType, "unsupported_media_type",
        "The request body must be JSON (Content-Type: application/json).");
    public static ApiError MalformedJson(string detail) => new(ErrorKind.BadRequest, "malformed_json",
        $"The request body is not valid JSON: {detail}");
    public static ApiError RouteNotFound(string path) => new(ErrorKind.NotFound, "route_not_found", $"No endpoint at '{path}'.");
    public static ApiError MethodNotAllowed(string method) => new(ErrorKind.MethodNotAllowed, "method_not_allowed",
        $"Method {method} is not allowed on this endpoint.");
    public static ApiError TooManyRequests(string message) => new(ErrorKind.TooManyRequests, "rate_limited", message);
    public static ApiError StorageUnavailable() => new(ErrorKind.ServiceUnavailable, "storage_unavailable",
        "Storage is temporarily unavailable; retry later.");
    public static ApiError Internal() => new(ErrorKind.Internal, "internal_error", "An unexpected error occurred. It has been logged.");
}
