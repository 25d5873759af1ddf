using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace SurveyFunctions.TestSupport;

/// <summary>A canned response a test policy can hand back instead of calling the transport.</summary>
public sealed class FakeResponse(int status, string reason = "", string body = "", IDictionary<string, string>? headers = null) : Response
{
    private readonly Dictionary<string, string> _headers = new(headers ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);

    public override int Status => status;

    // The transport policy normally classifies responses (and so drives retries); a policy that short-circuits the transport must say it itself.
    public override bool IsError => status >= 400;

    public override string ReasonPhrase => reason;

    public override Stream? ContentStream { get; set; } = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));

    public override string ClientRequestId { get; set; } = "";

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() => _headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) => _headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = _headers.TryGetValue(name, out var v) ? [v] : null;
        return values is not null;
    }
}
