using System.Security.Cryptography;

namespace SurveyFunctions.Core.Security;

/// <summary>
/// ULIDs (ulid/spec): 48 bits of Unix milliseconds then 80 random bits, as 26 Crockford base32 characters. They sort by
/// time as plain strings, which is what makes them table keys: a tenant's survey responses are a range of row keys in
/// creation order. Within one millisecond an instance increments the previous value's random part instead of drawing a
/// new one (the spec's monotonic mode), so ids issued here never go backwards even when the clock stands still.
/// </summary>
public sealed class UlidGenerator(TimeProvider time)
{
    private readonly object _gate = new();
    private long _lastMs = -1;
    private UInt128 _lastRandom;

    public string Next()
    {
        var ms = time.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (ms <= _lastMs)
            {
                // Same millisecond (or the clock stepped back): stay on the last one and count up, so order holds.
                ms = _lastMs;
                _lastRandom = (_lastRandom + 1) & Ulids.RandomMask;
                if (_lastRandom == 0)
                    ms = ++_lastMs; // 2^80 ids in one millisecond: borrow the next one rather than repeat.
            }
            else
            {
                _lastMs = ms;
                _lastRandom = Ulids.RandomPart();
            }
            return Ulids.Format(ms, _lastRandom);
        }
    }
}

/// <summary>Formatting, checking and bounds of ULIDs (<see cref="UlidGenerator"/>).</summary>
public static class Ulids
{
    public const int Length = 26;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    internal static readonly UInt128 RandomMask = (UInt128.One << 80) - 1;
    private const long MaxTime = (1L << 48) - 1;

    public static string Format(long unixMs, UInt128 random)
    {
        if (unixMs is < 0 or > MaxTime)
            throw new ArgumentOutOfRangeException(nameof(unixMs));
        var value = ((UInt128)(ulong)unixMs << 80) | (random & RandomMask);
        Span<char> chars = stackalloc char[Length];
        for (var i = Length - 1; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }

    /// <summary>The smallest ULID of a millisecond: every id issued at or after it sorts at or after it.</summary>
    public static string LowerBound(long unixMs) => Format(Math.Clamp(unixMs, 0, MaxTime), 0);

    /// <summary>The largest ULID of a millisecond.</summary>
    public static string UpperBound(long unixMs) => Format(Math.Clamp(unixMs, 0, MaxTime), RandomMask);

    /// <summary>26 characters of the upper-case Crockford alphabet, the first at most '7' (the spec's 128-bit limit).</summary>
    public static bool IsValid(string? text) =>
        text is { Length: Length } && text[0] <= '7' && text.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>The millisecond a valid ULID was issued at.</summary>
    public static DateTimeOffset Time(string ulid)
    {
        long ms = 0;
        for (var i = 0; i < 10; i++)
            ms = (ms << 5) | (long)Alphabet.IndexOf(ulid[i], StringComparison.Ordinal);
        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }

    /// <summary>
    /// The ULID with every character mirrored in the alphabet ('0' ↔ 'Z'): sorts in exactly the reverse order, so a
    /// descending walk is an ascending range query over rows keyed by it. Its own inverse.
    /// </summary>
    public static string Invert(string ulid) =>
        string.Create(ulid.Length, ulid, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = Alphabet[31 - Alphabet.IndexOf(source[i], StringComparison.Ordinal)];
        });

    internal static UInt128 RandomPart()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        UInt128 value = 0;
        foreach (var b in bytes)
            value = (value << 8) | b;
        return value;
    }
}
