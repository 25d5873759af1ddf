using SurveyFunctions.Core.Sessions;

namespace SurveyFunctions.Core.Taking;

/// <summary>
/// Where a caller's session token says it stands: the session's <see cref="SessionLocator"/>, the <see cref="Step"/> the token
/// was issued at, and the page it was shown (null: the language choice).
/// </summary>
public sealed record SessionPosition(SessionLocator Session, int Step, int? Page);
