using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SurveyFunctions.Tests.Infrastructure;

namespace SurveyFunctions.Tests.Embed;

/// <summary>
/// <c>GET /embed/poll.js</c> over HTTP: the file as written, as JavaScript, cacheable and revalidated by ETag, with no
/// cookies, whatever junk comes with the request. What the script does in a browser is tested in
/// SurveyFunctions.BrowserTests.
/// </summary>
public sealed class EmbedScriptTests(SurveyHost host) : IClassFixture<SurveyHost>
{
    private static readonly byte[] SourceFile = File.ReadAllBytes(Path.Combine(AzuriteInstance.FindRepoRoot(), "src", "SurveyFunctions.Core", "Embed",
        "poll.js"));

    [Fact]
    public async Task The_script_is_served_as_written_as_javascript_with_caching_headers_and_no_cookies()
    {
        using var response = await host.Http.GetAsync("/embed/poll.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        Assert.Equal(SourceFile, await response.Content.ReadAsByteArrayAsync());
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.True(response.Headers.CacheControl?.Public);
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl?.MaxAge);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("cross-origin", response.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_cached_copy_is_revalidated_by_its_etag()
    {
        using var first = await host.Http.GetAsync("/embed/poll.js");
        var etag = first.Headers.ETag!;

        using var same = new HttpRequestMessage(HttpMethod.Get, "/embed/poll.js");
        same.Headers.IfNoneMatch.Add(etag);
        using var notModified = await host.Http.SendAsync(same);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);

        using var other = new HttpRequestMessage(HttpMethod.Get, "/embed/poll.js");
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-script\""));
        using var changed = await host.Http.SendAsync(other);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(SourceFile, await changed.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Browsers_that_accept_gzip_get_it_compressed_under_an_etag_of_its_own()
    {
        using var plain = await host.Http.GetAsync("/embed/poll.js");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/embed/poll.js");
        request.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < SourceFile.Length / 2, $"{compressed.Length} bytes gzipped of {SourceFile.Length}");
        using (var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress))
        using (var decompressed = new MemoryStream())
        {
            await gzip.CopyToAsync(decompressed);
            Assert.Equal(SourceFile, decompressed.ToArray());
        }
        Assert.NotEqual(plain.Headers.ETag, response.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/embed/poll.js");
        again.Headers.AcceptEncoding.ParseAdd("gzip");
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var notModified = await host.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

        using var refused = new HttpRequestMessage(HttpMethod.Get, "/embed/poll.js");
        refused.Headers.AcceptEncoding.ParseAdd("gzip;q=0, identity");
        using var identity = await host.Http.SendAsync(refused);
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal(SourceFile, await identity.Content.ReadAsByteArrayAsync());
    }

    /// <summary>The BadInputTests junk case for this route: its answer is JavaScript, so it is checked here.</summary>
    [Fact]
    public async Task Junk_query_body_and_a_bad_key_are_ignored()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "/embed/poll.js?page=-1&limit=abc&cursor=%00&id=%27%20or%20PartitionKey%20ne%20%27");
        request.Headers.Add("X-API-Key", "sfk_not-a-key");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes("someone@example.com/token:junk")));
        request.Content = new StringContent("{\"trunc", Encoding.UTF8, "application/json");
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SourceFile, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Any_origin_may_load_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/embed/poll.js");
        request.Headers.Add("Origin", "https://customer.example");
        using var response = await host.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_openapi_document_is_revalidated_by_its_etag_too()
    {
        using var first = await host.Http.GetAsync("/openapi.json");
        Assert.True(first.Headers.CacheControl?.NoCache);
        using var again = new HttpRequestMessage(HttpMethod.Get, "/openapi.json");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        using var response = await host.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }
}
