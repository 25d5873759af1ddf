using System.Globalization;
using System.Text;

namespace SurveyFunctions.Core.Counting;

/// <summary>
/// Per-target counts of one committed batch, stored on its batch row so the aggregator needs no further reads:
/// <c>poll_a:3:0=2,2=1;poll_b:1:1=1</c> (target key, voters, slot=votes…). Target keys never hold the separators
/// (<see cref="CounterTarget"/>). Counts are deltas and may be negative (<c>s.t.u.q7:0:3=-1,4=1</c>: a survey answer
/// changed from option 3 to 4), so the aggregator adds them as they are.
/// </summary>
public static class BatchCounts
{
    public static string Encode(IEnumerable<(string TargetKey, long Voters, IReadOnlyDictionary<long, long> Slots)> targets)
    {
        var sb = new StringBuilder();
        foreach (var (targetKey, voters, slots) in targets)
        {
            if (sb.Length > 0) sb.Append(';');
            sb.Append(targetKey).Append(':').Append(voters.ToString(CultureInfo.InvariantCulture)).Append(':');
            var first = true;
            foreach (var (slot, n) in slots)
            {
                if (!first) sb.Append(',');
                sb.Append(slot.ToString(CultureInfo.InvariantCulture)).Append('=').Append(n.ToString(CultureInfo.InvariantCulture));
                first = false;
            }
        }
        return sb.ToString();
    }

    public static List<(string TargetKey, long Voters, Dictionary<long, long> Slots)> Decode(string text)
    {
        var result = new List<(string, long, Dictionary<long, long>)>();
        foreach (var target in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = target.Split(':');
            if (parts.Length != 3)
                throw new FormatException("Malformed batch counts.");
            var slots = new Dictionary<long, long>();
            foreach (var pair in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                slots[long.Parse(pair.AsSpan(0, eq), CultureInfo.InvariantCulture)] = long.Parse(pair.AsSpan(eq + 1), CultureInfo.InvariantCulture);
            }
            result.Add((parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture), slots));
        }
        return result;
    }
}
