using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace SurveyFunctions.Storage;

/// <summary>
/// A table entity as a case-sensitive property bag. PartitionKey, RowKey and (when read) Timestamp live in the
/// bag like any other property, so the dictionary view is what the service stores; the ETag is metadata and does not.
/// Supported values: string, int, long, double, bool, DateTimeOffset, DateTime, Guid, byte[].
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Mirrors Azure.Data.Tables.TableEntity, which callers know.")]
public sealed class TableEntity : IDictionary<string, object?>
{
    internal const string PartitionKeyName = "PartitionKey";
    internal const string RowKeyName = "RowKey";
    internal const string TimestampName = "Timestamp";

    private readonly Dictionary<string, object?> _properties;

    public TableEntity()
    {
        _properties = new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        ArgumentNullException.ThrowIfNull(rowKey);
        // Room for a handful of properties avoids rehashing for typical small entities.
        _properties = new Dictionary<string, object?>(8, StringComparer.Ordinal)
        {
            [PartitionKeyName] = partitionKey,
            [RowKeyName] = rowKey,
        };
    }

    internal TableEntity(int capacity)
    {
        _properties = new Dictionary<string, object?>(capacity, StringComparer.Ordinal);
    }

    /// <summary>The partition key; empty when not set (an empty key is legal in Table Storage).</summary>
    public string PartitionKey
    {
        get => _properties.TryGetValue(PartitionKeyName, out var v) && v is string s ? s : string.Empty;
        set => _properties[PartitionKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The row key; empty when not set.</summary>
    public string RowKey
    {
        get => _properties.TryGetValue(RowKeyName, out var v) && v is string s ? s : string.Empty;
        set => _properties[RowKeyName] = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The ETag the service returned with this entity (not a stored property).</summary>
    public string? ETag { get; set; }

    /// <summary>Server-maintained last-modified time; never sent on writes.</summary>
    public DateTimeOffset? Timestamp
    {
        get => _properties.TryGetValue(TimestampName, out var v) && v is DateTimeOffset d ? d : null;
        set
        {
            if (value is null)
            {
                _properties.Remove(TimestampName);
            }
            else
            {
                _properties[TimestampName] = value.Value;
            }
        }
    }

    public string? GetString(string key) => Get<string>(key);

    /// <summary>Widening from Int32 is allowed because both are integers without loss.</summary>
    public long? GetInt64(string key) => TryGetValue(key, out var v) && v is not null
        ? v switch
        {
            long l => l,
            int i => i,
            _ => throw WrongType(key, v, "Int64"),
        }
        : null;

    public int? GetInt32(string key) => GetStruct<int>(key);

    public bool? GetBoolean(string key) => GetStruct<bool>(key);

    public double? GetDouble(string key) => GetStruct<double>(key);

    /// <summary>DateTime values (as set by the caller) are returned as UTC DateTimeOffset.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => TryGetValue(key, out var v) && v is not null
        ? v switch
        {
            DateTimeOffset d => d,
            DateTime dt => new DateTimeOffset(dt.Kind == DateTimeKind.Local ? dt.ToUniversalTime() : DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
            _ => throw WrongType(key, v, "DateTimeOffset"),
        }
        : null;

    public Guid? GetGuid(string key) => GetStruct<Guid>(key);

    public byte[]? GetBinary(string key) => Get<byte[]>(key);

    private T? Get<T>(string key) where T : class =>
        TryGetValue(key, out var v) && v is not null ? v as T ?? throw WrongType(key, v, typeof(T).Name) : null;

    private T? GetStruct<T>(string key) where T : struct =>
        TryGetValue(key, out var v) && v is not null ? v is T t ? t : throw WrongType(key, v, typeof(T).Name) : null;

    private static InvalidOperationException WrongType(string key, object value, string wanted) =>
        new($"Property '{key}' is a {value.GetType().Name}, not a {wanted}.");

    // IDictionary plumbing: a thin pass-through to the ordinal dictionary.
    public object? this[string key]
    {
        get => _properties[key];
        set => _properties[key] = value;
    }

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object?> Values => _properties.Values;

    public int Count => _properties.Count;

    public bool IsReadOnly => false;

    public void Add(string key, object? value) => _properties.Add(key, value);

    public void Add(KeyValuePair<string, object?> item) => _properties.Add(item.Key, item.Value);

    public void Clear() => _properties.Clear();

    public bool Contains(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Contains(item);

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    public void CopyTo(KeyValuePair<string, object?>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object?>>)_properties).CopyTo(array, arrayIndex);

    /// <summary>Struct enumerator for allocation-free iteration on the serialization path.</summary>
    public Dictionary<string, object?>.Enumerator GetEnumerator() => _properties.GetEnumerator();

    IEnumerator<KeyValuePair<string, object?>> IEnumerable<KeyValuePair<string, object?>>.GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _properties.GetEnumerator();

    public bool Remove(string key) => _properties.Remove(key);

    public bool Remove(KeyValuePair<string, object?> item) => ((ICollection<KeyValuePair<string, object?>>)_properties).Remove(item);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value) => _properties.TryGetValue(key, out value);
}
