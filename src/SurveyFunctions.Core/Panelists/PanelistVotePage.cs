using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Panelists;

/// <summary>
/// The hosted page behind <c>hostedResponseUrl</c>: static HTML and JS embedded in this assembly (no build chain), served by
/// both hosts through the route table. The page holds no server-inserted text at all: its script reads the key from the
/// page's own URL and fetches everything through the panelist API, putting survey text in with <c>textContent</c>.
/// Headers keep the key out of referrers and caches, and the policy allows only this origin's script.
/// </summary>
public static class PanelistVotePage
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly string Html = Read("SurveyFunctions.Panelists.vote.html");
    private static readonly string Script = Read("SurveyFunctions.Panelists.vote.js");

    public static Task<IResult> PageAsync(HttpContext context) => Task.FromResult(Serve(context, Html, "text/html; charset=utf-8"));

    public static Task<IResult> ScriptAsync(HttpContext context) => Task.FromResult(Serve(context, Script, "text/javascript; charset=utf-8"));

    private static IResult Serve(HttpContext context, string content, string type)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers.CacheControl = "no-store";
        return Results.Content(content, type);
    }

    private static string Read(string name)
    {
        using var stream = typeof(PanelistVotePage).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
