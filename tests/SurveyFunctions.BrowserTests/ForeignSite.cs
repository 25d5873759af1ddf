using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SurveyFunctions.BrowserTests;

/// <summary>
/// A customer's web site: a tiny Kestrel server on 127.0.0.2 (another origin, and another site, than the API on
/// 127.0.0.1), so every call the embed makes is a real cross-origin request the browser checks with CORS. Its page
/// carries hostile CSS aimed at everything the embed is made of, and one script tag per poll asked for:
/// <c>/?poll=poll_a&amp;poll=poll_b</c>; <c>&amp;bare=1</c> adds a tag without <c>data-poll</c>; <c>&amp;embed=0</c>
/// leaves the scripts out (the page as it looks on its own). <c>/landing/{name}</c> is a page a survey can send its
/// respondents on to (a panel's "thank you" or "screened out" page), on this other origin as in real life.
/// </summary>
public sealed class ForeignSite : IAsyncDisposable
{
    /// <summary>Rules a careless or hostile page might have. None of them may reach inside the embed.</summary>
    public const string HostileCss = """
        * { color: rgb(255, 0, 255) !important; font-family: fantasy !important; font-size: 31px !important;
            letter-spacing: 7px !important; text-transform: uppercase !important; }
        form, fieldset, legend, label, input, ul, li, section, span { display: none !important; }
        button { background: rgb(0, 128, 0) !important; border: 9px dashed red !important; }
        surveyfunctions-poll { display: none !important; visibility: hidden !important; opacity: 0 !important; }
        """;

    private readonly WebApplication _app;

    private ForeignSite(WebApplication app, Uri origin)
    {
        _app = app;
        Origin = origin;
    }

    public Uri Origin { get; }

    public static async Task<ForeignSite> StartAsync(Uri apiBase)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.2:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var script = new Uri(apiBase, "embed/poll.js").ToString();
        app.MapGet("/", (HttpContext context) => Results.Content(Page(context.Request.Query, script), "text/html; charset=utf-8"));
        app.MapGet("/landing/{name}", (string name) => Results.Content(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Landing</title></head><body><h1 id=\"landing\">{HtmlEncoder.Default.Encode(name)}</h1></body></html>",
            "text/html; charset=utf-8"));
        await app.StartAsync().ConfigureAwait(false);
        return new ForeignSite(app, new Uri(app.Urls.Single()));
    }

    /// <summary>The page's address for these polls (see the class summary for the options).</summary>
    public string PageFor(IEnumerable<string> pollIds, bool bareTag = false, bool embed = true)
    {
        var query = string.Join("&", pollIds.Select(id => "poll=" + Uri.EscapeDataString(id)));
        if (bareTag)
            query += "&bare=1";
        if (!embed)
            query += "&embed=0";
        return new Uri(Origin, "/?" + query.TrimStart('&')).ToString();
    }

    /// <summary>The address of a landing page on this origin, with a query a panel might put in it.</summary>
    public string LandingFor(string name) => new Uri(Origin, $"/landing/{Uri.EscapeDataString(name)}?ref=456").ToString();

    private static string Page(IQueryCollection query, string script)
    {
        var html = HtmlEncoder.Default;
        var tags = new StringBuilder();
        if (query["embed"] != "0")
        {
            foreach (var id in query["poll"])
                tags.Append($"  <script src=\"{html.Encode(script)}\" data-poll=\"{html.Encode(id ?? "")}\" async></script>\n");
            if (query["bare"] == "1")
                tags.Append($"  <script src=\"{html.Encode(script)}\" async></script>\n");
        }
        return $"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>A customer's page</title>
              <style>{HostileCss}</style>
            </head>
            <body>
              <h1 id="site-title">A customer's page</h1>
              <p id="site-text">The page's own text, around the polls.</p>
              <button id="site-button" type="button">The page's own button</button>
            {tags}  <p id="site-footer">After the polls.</p>
            </body>
            </html>
            """;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
