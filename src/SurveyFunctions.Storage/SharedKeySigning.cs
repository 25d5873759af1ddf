using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace SurveyFunctions.Storage;

/// <summary>HMAC and query canonicalization shared by the table and queue Shared Key policies.</summary>
internal static class SharedKeySigning
{
    public static string Sign(byte[] key, string stringToSign)
    {
        var maxBytes = Encoding.UTF8.GetMaxByteCount(stringToSign.Length);
        var rented = ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            var count = Encoding.UTF8.GetBytes(stringToSign, rented);
            Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, rented.AsSpan(0, count), hash);
            return Convert.ToBase64String(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Returns the decoded value of a query parameter (case-insensitive name), or null.</summary>
    public static string? GetQueryParameter(string query, string name)
    {
        var span = query.AsSpan();
        if (span.StartsWith("?"))
        {
            span = span[1..];
        }
        while (!span.IsEmpty)
        {
            var amp = span.IndexOf('&');
            var pair = amp < 0 ? span : span[..amp];
            span = amp < 0 ? ReadOnlySpan<char>.Empty : span[(amp + 1)..];
            var eq = pair.IndexOf('=');
            var key = eq < 0 ? pair : pair[..eq];
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].ToString());
            }
        }
        return null;
    }

    /// <summary>Appends "\nname:value" for every query parameter, names lower-cased and sorted, values decoded and comma-joined.</summary>
    public static void AppendCanonicalizedQuery(StringBuilder sb, string query)
    {
        if (query.Length <= 1)
        {
            return;
        }
        var parameters = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var pair in query.AsSpan(1).ToString().Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]).ToLowerInvariant();
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..].Replace('+', ' '));
            if (!parameters.TryGetValue(key, out var values))
            {
                parameters[key] = values = new List<string>(1);
            }
            values.Add(value);
        }
        foreach (var (key, values) in parameters)
        {
            sb.Append('\n').Append(key).Append(':').AppendJoin(',', values);
        }
    }
}
