using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// A page a person opens from a link (the panelist's hosted page, a survey response's page) or its script: static text
/// embedded in this assembly, served by both hosts through the route table. The pages hold no server-inserted text; their
/// scripts read the link's key from the URL and put survey text in with <c>textContent</c>. The headers keep that key out
/// of referrers and caches, and the policy allows only this origin's script and fetches.
/// </summary>
public sealed class HostedPage
{
    private const string Policy = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly string _content;
    private readonly string _contentType;

    private HostedPage(string content, string contentType)
    {
        _content = content;
        _contentType = contentType;
    }

    public static HostedPage Html(string resourceName) => new(Read(resourceName), "text/html; charset=utf-8");

    public static HostedPage Script(string resourceName) => new(Read(resourceName), "text/javascript; charset=utf-8");

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
