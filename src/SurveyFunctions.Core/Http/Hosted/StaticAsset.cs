using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SurveyFunctions.Core.Http.Hosted;

/// <summary>
/// A file embedded in this assembly and served as-is by both hosts: its bytes, content type, a strong ETag (a hash of
/// the bytes, so it changes exactly when a deployment changes the file) and a Cache-Control policy. A request whose
/// <c>If-None-Match</c> names the current ETag gets a bodiless 304. Clients that accept gzip get a copy compressed once
/// at startup (neither host compresses responses; the embed script is a third of its size gzipped), with an ETag of
/// its own as RFC 9110 asks of each representation. No cookies are ever set.
/// </summary>
public sealed class StaticAsset
{
    private readonly byte[] _content;
    private readonly byte[] _gzipped;
    private readonly string _contentType;
    private readonly EntityTagHeaderValue _etag;
    private readonly EntityTagHeaderValue _gzippedEtag;
    private readonly string _cacheControl;

    private StaticAsset(byte[] content, string contentType, string cacheControl)
    {
        _content = content;
        _gzipped = Gzip(content);
        _contentType = contentType;
        _cacheControl = cacheControl;
        var hash = Convert.ToBase64String(SHA256.HashData(content).AsSpan(0, 16)).TrimEnd('=');
        _etag = new EntityTagHeaderValue("\"" + hash + "\"");
        _gzippedEtag = new EntityTagHeaderValue("\"" + hash + "-gzip\"");
    }

    /// <summary>Loads the resource named by its <c>LogicalName</c> in the project file; a missing one is a build mistake.</summary>
    public static StaticAsset Load(string resourceName, string contentType, string cacheControl)
    {
        using var stream = typeof(StaticAsset).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"The resource '{resourceName}' is not embedded in {typeof(StaticAsset).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new StaticAsset(copy.ToArray(), contentType, cacheControl);
    }

    public IResult Serve(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = _cacheControl;
        headers.Vary = "Accept-Encoding";
        headers.XContentTypeOptions = "nosniff";
        // Public files any site may load, also pages that isolate themselves (Cross-Origin-Embedder-Policy: require-corp).
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        // The file ships with the ETag; FileContentHttpResult answers a matching If-None-Match with 304 itself.
        if (!AcceptsGzip(context.Request))
            return Results.Bytes(_content, _contentType, entityTag: _etag);
        headers.ContentEncoding = "gzip";
        return Results.Bytes(_gzipped, _contentType, entityTag: _gzippedEtag);
    }

    private static bool AcceptsGzip(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var codings)
        && codings.Any(c => c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase) && (c.Quality ?? 1) > 0);

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
            gzip.Write(content);
        return output.ToArray();
    }
}
