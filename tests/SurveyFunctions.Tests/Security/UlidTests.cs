using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Tests.Security;

/// <summary>The ULID generator: the spec's layout, monotonic within a millisecond, and the mirrored form that sorts in reverse.</summary>
public sealed class UlidTests
{
    [Fact]
    public void Ids_encode_the_time_and_sort_in_issue_order_even_within_one_millisecond()
    {
        var clock = new FrozenClock(DateTimeOffset.FromUnixTimeMilliseconds(1_723_636_800_123));
        var generator = new UlidGenerator(clock);
        var ids = Enumerable.Range(0, 10_000).Select(_ => generator.Next()).ToArray();
        Assert.All(ids, id => Assert.True(Ulids.IsValid(id), id));
        Assert.Equal(ids, ids.Order(StringComparer.Ordinal));
        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(clock.Now, Ulids.Time(id)));

        // The clock stepping back does not make ids go backwards.
        var last = generator.Next();
        clock.Now = clock.Now.AddSeconds(-5);
        Assert.True(string.CompareOrdinal(generator.Next(), last) > 0);
        clock.Now = clock.Now.AddSeconds(10);
        var later = generator.Next();
        Assert.Equal(clock.Now, Ulids.Time(later));
    }

    [Fact]
    public void Known_values_format_as_the_spec_says()
    {
        Assert.Equal("00000000000000000000000000", Ulids.Format(0, 0));
        Assert.Equal("7ZZZZZZZZZZZZZZZZZZZZZZZZZ", Ulids.Format((1L << 48) - 1, (UInt128.One << 80) - 1));
        Assert.Equal("01ARZ3NDEK", Ulids.Format(1_469_922_850_259, 0)[..10]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_469_922_850_259), Ulids.Time("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
        Assert.True(Ulids.IsValid("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
        Assert.False(Ulids.IsValid("01arz3ndektsv4rrffq69g5fav"));
        Assert.False(Ulids.IsValid("81ARZ3NDEKTSV4RRFFQ69G5FAV"));
        Assert.False(Ulids.IsValid("01ARZ3NDEKTSV4RRFFQ69G5FAU"[..25] + "I"));
        Assert.False(Ulids.IsValid(null));
    }

    [Fact]
    public void The_mirrored_form_sorts_in_reverse_and_bounds_cover_a_millisecond()
    {
        var generator = new UlidGenerator(new TestClock());
        var ids = Enumerable.Range(0, 500).Select(_ => generator.Next()).ToArray();
        var mirrored = ids.Select(Ulids.Invert).ToArray();
        Assert.Equal(ids.Reverse(), mirrored.Order(StringComparer.Ordinal).Select(Ulids.Invert));
        Assert.Equal(ids, mirrored.Select(Ulids.Invert));
        var ms = Ulids.Time(ids[0]).ToUnixTimeMilliseconds();
        Assert.InRange(ids[0], Ulids.LowerBound(ms), Ulids.UpperBound(ms), StringComparer.Ordinal);
    }

    private sealed class FrozenClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
