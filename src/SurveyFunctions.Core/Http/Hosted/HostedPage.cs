using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Http.Hosted;

/// <summary>
/// A respondent page a person opens from a link (the panelist's hosted page, a survey response's page) or its script:
/// static text embedded in this assembly, served by both hosts through the route table. Both pages are assembled once at
/// startup from the same parts (RespondentPages/): one HTML shell (head, CSS, the common elements) with the page's own
/// lead and buttons slotted in, and one script made of the shared UI strings (strings.json), the shared helpers
/// (respondent.js) and the page's own script. The pages hold no server-inserted text from a request; their scripts read
/// the link's key from the URL and put survey text in with <c>textContent</c>. The headers keep that key out of referrers
/// and caches, and the policy allows only this origin's script and fetches.
/// </summary>
public sealed class HostedPage
{
    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action " +
        "'none'; frame-ancestors 'none'";

    private const string Resources = "SurveyFunctions.RespondentPages.";

    private readonly string _content;
    private readonly string _contentType;

    private HostedPage(string content, string contentType)
    {
        _content = content;
        _contentType = contentType;
    }

    /// <summary>The shared shell with the page's script path and its own HTML fragments (resource names) in its slots.</summary>
    public static HostedPage Html(string scriptPath, string leadResource, string actionsResource)
    {
        var html = Read(Resources + "shell.html")
            .Replace("<!--script-->", scriptPath, StringComparison.Ordinal)
            .Replace("<!--lead-->", Read(leadResource).TrimEnd(), StringComparison.Ordinal)
            .Replace("<!--actions-->", Read(actionsResource).TrimEnd(), StringComparison.Ordinal);
        return new HostedPage(html, "text/html; charset=utf-8");
    }

    /// <summary>The survey logic's mirror (<c>SurveyLogic</c>), for a page that shows questions by the survey's rules itself.</summary>
    public const string LogicScript = Resources + "logic.js";

    /// <summary>
    /// The page's script behind the shared parts: the string table as a JSON literal (JSON is a JavaScript expression),
    /// then the helpers that read it, then the page's own scripts in order (e.g. <see cref="LogicScript"/>, then its own).
    /// </summary>
    public static HostedPage Script(params string[] pageScriptResources)
    {
        var script = "var SurveyPageStrings = " + Read(Resources + "strings.json").Trim() + ";\n"
            + Read(Resources + "respondent.js") + "\n"
            + string.Join("\n", pageScriptResources.Select(Read));
        return new HostedPage(script, "text/javascript; charset=utf-8");
    }

    public Task<IResult> ServeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers.CacheControl = "no-store";
        return Task.FromResult(Results.Content(_content, _contentType));
    }

    private static string Read(string name)
    {
        using var stream = typeof(HostedPage).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource '{name}' is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
