using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SurveyFunctions.Core.Http.Hosted;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.RespondentPages;

/// <summary>
/// The two respondent pages are one implementation: the same HTML head and CSS, the same helpers and the same string table
/// in front of each page's own script; and that table speaks every language it claims, each with every string English has
/// and the same placeholders (a missing one would show a key, a dropped placeholder a wrong sentence).
/// </summary>
public sealed partial class RespondentPagesTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    private static readonly string[] Languages = ["en", "de", "fr", "es", "nl", "it", "pt", "ja"];

    [Fact]
    public async Task Both_pages_share_one_head_and_one_set_of_helpers_and_strings()
    {
        var vote = await host.Http.GetStringAsync(PanelistPage);
        var response = await host.Http.GetStringAsync(ResponsePage);
        Assert.Equal(Head(vote).Replace("/app/panelist/vote.js", "{script}", StringComparison.Ordinal),
            Head(response).Replace("/hc/survey_response.js", "{script}", StringComparison.Ordinal));

        var voteScript = await host.Http.GetStringAsync("/app/panelist/vote.js");
        var responseScript = await host.Http.GetStringAsync("/hc/survey_response.js");
        var shared = voteScript[..voteScript.IndexOf("// The hosted panelist page", StringComparison.Ordinal)];
        Assert.StartsWith(shared, responseScript, StringComparison.Ordinal);
        Assert.Contains("function finish(completion, disqualified)", shared, StringComparison.Ordinal);
    }

    private const string PanelistPage = "/app/panelist/vote/?key=abc";
    private const string ResponsePage = "/hc/en/survey_responses/01J00000000000000000000000?access_token=abc";

    /// <summary>Whatever a visitor puts in the URL (key, locale, id, token, rating), the page is the same bytes: nothing is echoed.</summary>
    [Theory]
    [InlineData(PanelistPage, "/app/panelist/vote/?key=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData(PanelistPage, "/app/panelist/vote?key=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")]
    [InlineData(PanelistPage, "/app/panelist/vote/")]
    [InlineData(ResponsePage, "/hc/%3Cscript%3Ealert(1)%3C%2Fscript%3E/survey_responses/x?access_token=t")]
    [InlineData(ResponsePage, "/hc/en/survey_responses/%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E?access_token=%3Cb%3E&rating=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData(ResponsePage, "/hc/en/survey_responses/01J00000000000000000000000")]
    [InlineData(ResponsePage, "/hc/de/survey_responses/01J00000000000000000000000?access_token=abc")]
    public async Task Any_key_locale_or_token_in_the_url_gets_the_same_static_page(string plainPath, string path)
    {
        using var plain = await host.Http.GetAsync(plainPath);
        using var response = await host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(await plain.Content.ReadAsStringAsync(), html);
        Assert.DoesNotContain("alert(1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_string_table_has_every_string_in_every_language_with_the_same_placeholders()
    {
        using var stream = typeof(HostedPage).Assembly.GetManifestResourceStream("SurveyFunctions.RespondentPages.strings.json")!;
        var table = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream)!;

        Assert.Equal(Languages, table.Keys);
        var english = table["en"];
        foreach (var (language, strings) in table)
        {
            Assert.Equal(english.Keys.Order(), strings.Keys.Order());
            foreach (var (key, text) in strings)
            {
                Assert.False(string.IsNullOrWhiteSpace(text), $"{language}.{key} is empty");
                Assert.Equal(Placeholders(english[key]), Placeholders(text));
                // Translated, not copied: no string of another language is the English one.
                if (language != "en")
                    Assert.NotEqual(english[key], text);
            }
        }
    }

    private static string Head(string html) => html[..html.IndexOf("</head>", StringComparison.Ordinal)];

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order()];

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();
}
