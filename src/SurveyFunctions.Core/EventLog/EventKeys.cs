using System.Globalization;

namespace SurveyFunctions.Core.EventLog;

/// <summary>
/// Keys of the <c>events</c> table. PK tenant id: <c>head</c> (the last sequence number given out), <c>seq|{19 digits}</c>
/// (the events in commit order: a feed page is one range query) and <c>key|{key digest}</c> (one per recorded
/// <see cref="DomainEvent.Key"/>, added in the same transaction as its event, so a key is recorded once). PK
/// <see cref="OutboxPartition"/>: markers of changes whose events are being relayed (<see cref="EventOutbox"/>).
/// </summary>
public static class EventKeys
{
    public const string HeadRow = "head";
    public const string SequencePrefix = "seq|";

    /// <summary>Just after every sequence row ('|' + 1).</summary>
    public const string SequenceRangeEnd = "seq}";

    public const string OutboxPartition = "outbox";

    /// <summary>Row key prefix of an event waiting in a changed row's partition (<see cref="EventOutbox"/>).</summary>
    public const string PendingPrefix = "event|";
    public const string PendingRangeEnd = "event}";

    /// <summary>Tenant ids are <c>tnt_…</c>: never one of the fixed partitions above.</summary>
    public static string Partition(string tenantId) => tenantId;

    public static string SequenceRow(long sequence) => SequencePrefix + sequence.ToString("D19", CultureInfo.InvariantCulture);

    public static long SequenceOf(string rowKey) => long.Parse(rowKey.AsSpan(SequencePrefix.Length), CultureInfo.InvariantCulture);

    public static string KeyRow(DomainEvent e) => "key|" + e.KeyDigest;

    /// <summary>A marker row: its time first, so the recovery job finds old ones by one range query.</summary>
    public static string MarkerRow(DateTimeOffset at) =>
        at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "|" + Guid.NewGuid().ToString("N");

    public static string MarkerCutoff(DateTimeOffset before) => before.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static DateTimeOffset MarkerTime(string rowKey) =>
        new(long.Parse(rowKey.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero);
}
