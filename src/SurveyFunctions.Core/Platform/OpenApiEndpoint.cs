using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Platform;

/// <summary>
/// <c>GET /openapi.json</c>: the hand-written OpenAPI 3.1 document (Platform/openapi.json, embedded). A test keeps it in
/// step with the route table, so a route cannot ship undocumented.
/// </summary>
public sealed class OpenApiEndpoint
{
    private readonly byte[] _document = Load();

    public Task<IResult> GetAsync(HttpContext context) =>
        Task.FromResult(Results.Bytes(_document, "application/json"));

    internal static byte[] Load()
    {
        using var stream = typeof(OpenApiEndpoint).Assembly.GetManifestResourceStream("SurveyFunctions.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
