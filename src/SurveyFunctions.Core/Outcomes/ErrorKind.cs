namespace SurveyFunctions.Core.Outcomes;

/// <summary>What went wrong, independent of any API family. Each family's envelope turns it into its documented status and body.</summary>
public enum ErrorKind
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,

    /// <summary>It was there and is no more, for good (an export whose file expired): 410, unlike a 404 that never was.</summary>
    Gone,

    /// <summary>The request is well formed but contradicts an earlier one (an Idempotency-Key reused with another body).</summary>
    UnprocessableContent,
    PayloadTooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    ServiceUnavailable,
    Internal,
}

public static class ErrorKindStatus
{
    public static int ToStatusCode(this ErrorKind kind) => kind switch
    {
        ErrorKind.BadRequest => 400,
        ErrorKind.Unauthorized => 401,
        ErrorKind.Forbidden => 403,
        ErrorKind.NotFound => 404,
        ErrorKind.MethodNotAllowed => 405,
        ErrorKind.Conflict => 409,
        ErrorKind.Gone => 410,
        ErrorKind.UnprocessableContent => 422,
        ErrorKind.PayloadTooLarge => 413,
        ErrorKind.UnsupportedMediaType => 415,
        ErrorKind.TooManyRequests => 429,
        ErrorKind.ServiceUnavailable => 503,
        _ => 500,
    };
}
