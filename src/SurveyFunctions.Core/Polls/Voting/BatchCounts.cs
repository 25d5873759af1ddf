using System.Globalization;
using System.Text;

namespace SurveyFunctions.Core.Polls.Voting;

/// <summary>
/// Per-poll counts of one committed batch, stored on its batch row so the aggregator needs no further reads:
/// <c>poll_a:3:0=2,2=1;poll_b:1:1=1</c> (poll id, voters, slot=votes…). Poll ids are [a-z0-9_], so the separators are safe.
/// </summary>
public static class BatchCounts
{
    public static string Encode(IEnumerable<(string PollId, long Voters, IReadOnlyDictionary<int, long> Slots)> polls)
    {
        var sb = new StringBuilder();
        foreach (var (pollId, voters, slots) in polls)
        {
            if (sb.Length > 0) sb.Append(';');
            sb.Append(pollId).Append(':').Append(voters.ToString(CultureInfo.InvariantCulture)).Append(':');
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

    public static List<(string PollId, long Voters, Dictionary<int, long> Slots)> Decode(string text)
    {
        var result = new List<(string, long, Dictionary<int, long>)>();
        foreach (var poll in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = poll.Split(':');
            if (parts.Length != 3)
                throw new FormatException("Malformed batch counts.");
            var slots = new Dictionary<int, long>();
            foreach (var pair in parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                slots[int.Parse(pair.AsSpan(0, eq), CultureInfo.InvariantCulture)] = long.Parse(pair.AsSpan(eq + 1), CultureInfo.InvariantCulture);
            }
            result.Add((parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture), slots));
        }
        return result;
    }
}
