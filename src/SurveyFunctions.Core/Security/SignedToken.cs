namespace SurveyFunctions.Core.Security;

/// <summary>The verified content of a token from <see cref="TokenSigner"/>.</summary>
public sealed record SignedToken(string Purpose, string Subject, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, IReadOnlyDictionary<string,
    string> Claims);

/// <summary>Why a token was refused; callers map every reason to their family's "invalid token" error.</summary>
public enum TokenRejection
{
    None,
    Malformed,
    UnknownKey,
    BadSignature,
    WrongPurpose,
    WrongSubject,
    Expired,
}
