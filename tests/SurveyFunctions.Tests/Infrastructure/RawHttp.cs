using System.Net.Sockets;
using System.Text;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// One HTTP/1.1 request over a plain socket, reading every byte the server sends until it closes the connection. For HEAD:
/// HttpClient never reads a body after a HEAD, so it cannot show whether the server sent one; the raw bytes can.
/// </summary>
public static class RawHttp
{
    public sealed record Answer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] BytesAfterHeaders)
    {
        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    public static async Task<Answer> SendAsync(Uri baseAddress, string method, string pathAndQuery, params (string Name, string Value)[] headers)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port, timeout.Token);
        var stream = client.GetStream();
        var request = new StringBuilder($"{method} {pathAndQuery} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers)
            request.Append(name).Append(": ").Append(value).Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request.Append("\r\n").ToString()), timeout.Token);

        // Connection: close, so the server ends the stream after its answer: everything past the blank line is body.
        using var received = new MemoryStream();
        await stream.CopyToAsync(received, timeout.Token);
        return Parse(received.ToArray());
    }

    private static Answer Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(end >= 0, $"no end of headers in {bytes.Length} bytes: {Encoding.ASCII.GetString(bytes)}");
        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var parsed = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim();
            parsed[name] = parsed.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
        }
        return new Answer(status, parsed, bytes[(end + 4)..]);
    }
}
