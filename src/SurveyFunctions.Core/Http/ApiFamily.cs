namespace SurveyFunctions.Core.Http;

/// <summary>The public API families (one per seed document) plus our own management surface.</summary>
public enum ApiFamily
{
    /// <summary>Our own endpoints: health, admin, OpenAPI. Same envelope as Polls.</summary>
    Platform,

    /// <summary>Our survey management API (<c>/api/surveys…</c>), API key; same envelope as Polls.</summary>
    Surveys,
    Polls,
    Account,
    Panelists,
    Take,
    Responses,
}

public static class ApiFamilyAuth
{
    /// <summary>Only the Account seed documents the key in the query string (<c>?token=</c>); elsewhere it stays out of URLs (and logs).</summary>
    public static bool AcceptsQueryToken(this ApiFamily family) => family == ApiFamily.Account;
}
