using System.Globalization;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Http.Idempotency;

/// <summary>
/// The expiry index of the <c>idempotency</c> table: each stored answer gets a row in PK
/// <c>expires|{hour of its expiry, yyyyMMddHH}|{shard}</c> naming it, written with the answer, so the purge finds what expired
/// with one range query over the index (partitions sort by hour) without touching the callers' partitions. Shards spread one
/// hour's writes over partitions (a partition takes about 2,000 writes/s).
/// </summary>
public static class IdempotencyExpiry
{
    public const int Shards = 8;
    public const string Prefix = "expires|";
    private const string HourFormat = "yyyyMMddHH";

    public static TableEntity IndexRow(string scope, string key, DateTimeOffset expiresAt)
    {
        // The key is a SHA-256 in hex (IdempotencyKeys.RowKey): its first digit spreads the writes evenly.
        var shard = Convert.ToInt32(key[..1], 16) % Shards;
        return new TableEntity(Partition(Hour(expiresAt), shard), scope + "|" + key) { ["Scope"] = scope, ["Key"] = key };
    }

    public static DateTimeOffset Hour(DateTimeOffset instant) =>
        new(instant.UtcDateTime.Year, instant.UtcDateTime.Month, instant.UtcDateTime.Day, instant.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    public static string Partition(DateTimeOffset hour, int shard) => HourPrefix(hour) + "|" + shard.ToString(CultureInfo.InvariantCulture);

    /// <summary>What every index partition of <paramref name="hour"/> starts with; those of earlier hours sort before it.</summary>
    public static string HourPrefix(DateTimeOffset hour) => Prefix + hour.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture);
}
