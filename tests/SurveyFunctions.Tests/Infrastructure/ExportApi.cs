using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsvHelper;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>Reading exports over HTTP: the raw file, and the file read back with a CSV parser or line by line as JSON.</summary>
public static class ExportApi
{
    public sealed record ExportFile(HttpStatusCode Status, byte[] Bytes, string? ContentType, string? AsOf, string? FileName,
        TimeSpan TimeToHeaders)
    {
        public string Text => Encoding.UTF8.GetString(Bytes);
    }

    /// <summary>A GET read to the end, with the time until the status and headers arrived.</summary>
    public static async Task<ExportFile> DownloadAsync(this HttpClient http, string path, string? apiKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
            request.Headers.Add("X-API-Key", apiKey);
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var toHeaders = clock.Elapsed;
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var asOf = response.Headers.TryGetValues("X-Export-As-Of", out var values) ? values.Single() : null;
        return new ExportFile(response.StatusCode, bytes, response.Content.Headers.ContentType?.ToString(), asOf,
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName, toHeaders);
    }

    /// <summary>The file read back by a CSV parser (CsvHelper's RFC 4180 reader): the header, then each record's fields.</summary>
    public static (string[] Header, List<string[]> Rows) ParseCsv(byte[] bytes)
    {
        using var reader = CsvReader.Create(bytes);
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(reader.Current.ToArray());
        return ([.. reader.Headers], rows);
    }

    /// <summary>Each line parsed as one JSON object; the file ends with a line break and has no empty line.</summary>
    public static List<JsonObject> ParseNdjson(string text)
    {
        if (text.Length == 0)
            return [];
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        return [.. text[..^1].Split('\n').Select(line => JsonNode.Parse(line)!.AsObject())];
    }
}
