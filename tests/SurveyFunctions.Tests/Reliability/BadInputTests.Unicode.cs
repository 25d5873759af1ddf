using System.Net;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>The other side of refusing junk: text that only looks unusual is stored and returned exactly, never a 4xx.</summary>
public sealed partial class BadInputTests
{
    public static TheoryData<string, string> LegitimateText => new()
    {
        { "emoji with ZWJ, skin tone, flag, variation selector", "🗳️ Which 👩🏽‍💻 feature? 🇺🇦" },
        { "right-to-left with direction marks", "\u200Fمرحبا بالعالم — עברית\u200E" },
        { "combining marks", "e\u0301 a\u0308 Z\u0351\u0352\u0353\u0354" },
        { "precomposed and decomposed kept apart", "\u00E9 vs e\u0301" },
        { "CJK and astral plane", "投票 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎" },
        { "quotes, backslash, markup, OData-looking text", "' \" \\ <script>alert(1)</script> ' or PartitionKey ne ' %27 ../.." },
        { "tab and line breaks", "line one\n\tline two\r\n" },
        { "bidi override and zero-width characters", "\u202Eevil\u202C \u200B\u200D\uFEFF" },
        { "300 UTF-16 units of surrogate pairs (the title limit)", string.Concat(Enumerable.Repeat("😀", 150)) },
    };

    [Theory]
    [MemberData(nameof(LegitimateText))]
    public async Task Legitimate_unicode_round_trips_exactly(string kind, string text)
    {
        var name = text.Length <= 200 ? text : text[..200];
        var tenant = await host.Http.SendAsync(HttpMethod.Post, "/api/admin/tenants", new { name, plan = "free" }, configure: Api.AsAdmin);
        Assert.True(tenant.Status == HttpStatusCode.Created,
            $"{kind}: a tenant named so was refused with {(int)tenant.Status}: {tenant.Body?.ToJsonString()}");
        var key = tenant.Json["api_key"]!.GetValue<string>();
        var read = await host.Http.SendAsync(HttpMethod.Get, $"/api/admin/tenants/{tenant.Json["tenant_id"]!.GetValue<string>()}",
            configure: Api.AsAdmin);
        Assert.Equal(name, read.Json["name"]!.GetValue<string>());

        var id = await host.Http.CreatePublishedPollAsync(key,
            new { title = text, description = text, close_message = text, options = new[] { new { label = text }, new { label = "other" } } });
        foreach (var view in new[] { await host.Http.GetReplyAsync($"/api/polls/{id}", key), await host.Http.GetReplyAsync($"/api/polls/{id}") })
        {
            Assert.Equal(HttpStatusCode.OK, view.Status);
            foreach (var field in new[] { "title", "description", "close_message" })
                Assert.Equal(text, view.Json[field]!.GetValue<string>());
            Assert.Equal(text, view.Json["options"]![0]!["label"]!.GetValue<string>());
        }
        var listed = (await host.Http.GetReplyAsync("/api/polls", key)).Json["polls"]![0]!;
        Assert.Equal(text, listed["title"]!.GetValue<string>());
        Assert.Equal(text, listed["description"]!.GetValue<string>());

        var edited = "✎ " + text[..Math.Min(text.Length, 290)];
        var patched = await host.Http.PatchReplyAsync($"/api/polls/{id}", new { title = edited }, key);
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(edited, (await host.Http.GetReplyAsync($"/api/polls/{id}", key)).Json["title"]!.GetValue<string>());

        var fingerprint = text.Length <= 256 ? text : text[..256];
        var optionId = (await host.Http.GetReplyAsync($"/api/polls/{id}")).Json["options"]![0]!["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await host.Http.VoteAsync(id, await host.Http.EmbedTokenAsync(id), fingerprint, optionId)).Status);
        var status = await host.Http.GetReplyAsync($"/api/polls/{id}/vote?fingerprint={Uri.EscapeDataString(fingerprint)}");
        Assert.True(status.Json["hasVoted"]!.GetValue<bool>());
        var votes = await host.Http.GetReplyAsync($"/api/polls/{id}/votes", key);
        Assert.Equal(fingerprint, votes.Json["votes"]![0]!["voter"]!.GetValue<string>());
        // Leave the aggregator idle, so the bad-input cases after this one compare quiet storage.
        await host.Http.WaitForAggregationAsync(id, key);
    }
}
