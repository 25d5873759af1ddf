using System.Globalization;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Http.Idempotency;

/// <summary>
/// The expiry index of the <c>idempotency</c> table: each stored answer gets a row in PK
/// <c>expires|{hour of its expiry, yyyyMMddHH}|{shard}</c> naming it, written with the answer, so the purge finds what expired
/// an hour at a time without scanning the callers' partitions. Shards spread one hour's writes over partitions (a partition
/// takes about 2,000 writes/s); the cursor row remembers the first hour not yet purged.
/// </summary>
public static class IdempotencyExpiry
{
    public const int Shards = 8;
    private const string Prefix = "expires|";
    private const string HourFormat = "yyyyMMddHH";
    internal const string CursorPartition = "expires-cursor";

    public static TableEntity IndexRow(string scope, string key, DateTimeOffset expiresAt)
    {
        var shard = (int)((uint)string.GetHashCode(key, StringComparison.Ordinal) % Shards);
        // string.GetHashCode is per process; the shard only spreads writes, the purge reads every shard of an hour.
        return new TableEntity(Partition(Hour(expiresAt), shard), scope + "|" + key) { ["Scope"] = scope, ["Key"] = key };
    }

    public static DateTimeOffset Hour(DateTimeOffset instant) =>
        new(instant.UtcDateTime.Year, instant.UtcDateTime.Month, instant.UtcDateTime.Day, instant.UtcDateTime.Hour, 0, 0, TimeSpan.Zero);

    public static string Partition(DateTimeOffset hour, int shard) =>
        Prefix + hour.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture) + "|" + shard.ToString(CultureInfo.InvariantCulture);
}
