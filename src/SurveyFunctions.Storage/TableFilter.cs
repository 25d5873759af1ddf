using System.Globalization;


namespace SurveyFunctions.Storage;

/// <summary>
/// Builds OData $filter strings where every interpolated value becomes a typed literal,
/// so caller input can never change the meaning of the query (no filter injection).
/// </summary>
public static class TableFilter
{
    /// <summary>
    /// <c>TableFilter.Of($"PartitionKey eq {pk} and RowKey ge {from}")</c>: the format text is trusted, the arguments are not.
    /// </summary>
    public static string Of(FormattableString filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var args = filter.GetArguments();
        var literals = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            literals[i] = Literal(args[i]);
        }
        // The literals are already final strings, so format specifiers in the template would be meaningless; we format invariantly.
        return string.Format(CultureInfo.InvariantCulture, filter.Format, literals);
    }

    /// <summary>A string literal: single-quoted with embedded quotes doubled.</summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Concat("'", value.Replace("'", "''", StringComparison.Ordinal), "'");
    }

    internal static string Literal(object? value) => value switch
    {
        null => throw new ArgumentException("A filter value may not be null; OData has no null literal for table properties."),
        string s => Quote(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture) + "L",
        double d => DoubleLiteral(d),
        float f => DoubleLiteral(f),
        DateTimeOffset dto => "datetime'" + dto.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        DateTime dt => "datetime'" + ToUtc(dt).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) + "'",
        Guid g => "guid'" + g.ToString("D") + "'",
        byte[] bytes => "X'" + Convert.ToHexStringLower(bytes) + "'",
        _ => throw new ArgumentException($"Type {value.GetType().Name} cannot be used as a table filter value."),
    };

    private static string DoubleLiteral(double d)
    {
        if (!double.IsFinite(d))
        {
            throw new ArgumentException("NaN and infinity cannot be used in a table filter.");
        }
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        // A whole number without '.' or exponent would parse as Int32 on the service side; keep it a double.
        return text.AsSpan().IndexOfAny(".Ee") < 0 ? text + ".0" : text;
    }

    private static DateTime ToUtc(DateTime dt) => dt.Kind switch
    {
        DateTimeKind.Local => dt.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
        _ => dt,
    };
}
