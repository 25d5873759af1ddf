namespace SurveyFunctions.Core.Http.Routing;

/// <summary>The public API families we serve plus our own management surface; each has its own error envelope.</summary>
public enum ApiFamily
{
    /// <summary>Our own endpoints: health, admin, OpenAPI, static pages. Same envelope as Polls.</summary>
    Platform,

    /// <summary>Our survey management API (<c>/api/surveys…</c>), API key; same envelope as Polls.</summary>
    Surveys,
    Polls,

    /// <summary>Our event feed (<c>/api/events</c>), API key; same envelope as Polls.</summary>
    Events,
    Account,
    Panelists,
    Take,
    Responses,
}

public static class ApiFamilyAuth
{
    /// <summary>
    /// Only the Polling.com Account Level API documents the key in the query string (<c>?token=</c>); elsewhere it stays out of
    /// URLs (and logs).
    /// </summary>
    public static bool AcceptsQueryToken(this ApiFamily family) => family == ApiFamily.Account;
}
