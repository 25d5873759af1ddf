using System.Globalization;

namespace SurveyFunctions.Core.Storage;

/// <summary>
/// Hour buckets of the pollschedule table. A poll whose <c>ends_at</c> is already past goes in the current hour's bucket,
/// so the closing job, which walks buckets forward from its cursor, always reaches it.
/// </summary>
public static class PollSchedule
{
    public const string CursorPartition = "cursor";

    public static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    public static string BucketFor(DateTimeOffset endsAt, DateTimeOffset now) => Bucket(endsAt > now ? endsAt : now);

    public static DateTimeOffset Parse(string bucket) =>
        new(DateTime.ParseExact(bucket, "yyyyMMddHH", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), TimeSpan.Zero);
}
