using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace SurveyFunctions.Core.Http;

/// <summary>
/// A file embedded in this assembly and served as-is by both hosts: its bytes, content type, a strong ETag (a hash of
/// the bytes, so it changes exactly when a deployment changes the file) and a Cache-Control policy. A request whose
/// <c>If-None-Match</c> names the current ETag gets a bodiless 304. No cookies are ever set.
/// </summary>
public sealed class StaticAsset
{
    private readonly byte[] _content;
    private readonly string _contentType;
    private readonly EntityTagHeaderValue _etag;
    private readonly string _cacheControl;

    private StaticAsset(byte[] content, string contentType, string cacheControl)
    {
        _content = content;
        _contentType = contentType;
        _cacheControl = cacheControl;
        _etag = new EntityTagHeaderValue("\"" + Convert.ToBase64String(SHA256.HashData(content).AsSpan(0, 16)).TrimEnd('=') + "\"");
    }

    public ReadOnlyMemory<byte> Content => _content;

    public string ETag => _etag.Tag.ToString();

    /// <summary>Loads the resource named by its <c>LogicalName</c> in the project file; a missing one is a build mistake.</summary>
    public static StaticAsset Load(string resourceName, string contentType, string cacheControl)
    {
        using var stream = typeof(StaticAsset).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The resource '{resourceName}' is not embedded in {typeof(StaticAsset).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new StaticAsset(copy.ToArray(), contentType, cacheControl);
    }

    public IResult Serve(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = _cacheControl;
        headers.XContentTypeOptions = "nosniff";
        // Public files any site may load, also pages that isolate themselves (Cross-Origin-Embedder-Policy: require-corp).
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        // The file ships with the ETag; FileContentHttpResult answers a matching If-None-Match with 304 itself.
        return Results.Bytes(_content, _contentType, entityTag: _etag);
    }
}
