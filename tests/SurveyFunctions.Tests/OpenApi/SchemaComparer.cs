using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using SurveyFunctions.Core.Http.Json;

namespace SurveyFunctions.Tests.OpenApi;

/// <summary>
/// Compares an OpenAPI schema with the JSON schema of the C# type that produces it: property names both ways, and the
/// JSON type (string, integer, number, boolean, array, object; nullable) where both sides state one. Recurses through
/// <c>$ref</c>, inline objects, array items and map values.
/// </summary>
internal sealed class SchemaComparer(JsonObject components)
{
    /// <summary>
    /// The API's own options, except that numbers are exported as written: the Web defaults also read numbers from strings,
    /// which the exporter would describe as "integer or string", while replies always write numbers.
    /// </summary>
    private static readonly JsonSerializerOptions ExportOptions = new(ApiJson.Options)
    {
        NumberHandling = JsonNumberHandling.Strict,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = LeftOutWhenNull,
    };

    /// <summary>A property ignored when null is never written as null: it is left out, which the document says by not requiring it.</summary>
    private static JsonNode LeftOutWhenNull(JsonSchemaExporterContext context, JsonNode schema)
    {
        var ignore = context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>().FirstOrDefault();
        var leftOut = ignore?.Condition is JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault;
        if (leftOut && schema is JsonObject o && o["type"] is JsonArray types)
        {
            var kinds = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToArray();
            o["type"] = kinds.Length == 1 ? JsonValue.Create(kinds[0]) : new JsonArray(kinds.Select(k => (JsonNode?)JsonValue.Create(k)).ToArray());
        }
        return schema;
    }

    public List<string> Failures { get; } = [];

    public static JsonNode ExportSchema(Type type) => ExportOptions.GetJsonSchemaAsNode(type, Exporter);

    public void Compare(string path, JsonNode spec, Type type)
    {
        var clrRoot = ExportSchema(type);
        Compare(path, spec, clrRoot, clrRoot, []);
    }

    /// <summary>Request bodies have no type: their properties must be exactly the fields the parser accepts.</summary>
    public void CompareAccepted(string path, JsonNode spec, AcceptedFields accepted)
    {
        var (resolved, _) = ResolveSpec(spec);
        if (resolved is not JsonObject schema)
            return;
        if (schema["items"] is JsonNode items)
        {
            CompareAccepted(path + "[]", items, accepted);
            return;
        }
        var properties = schema["properties"]?.AsObject() ?? [];
        foreach (var field in accepted.Fields.Where(f => !properties.ContainsKey(f)))
            Failures.Add($"{path}: the code accepts '{field}', the document does not list it");
        foreach (var name in properties.Select(p => p.Key).Where(n => !accepted.Fields.Contains(n)))
            Failures.Add($"{path}: the document lists '{name}', the code refuses it");
        if (schema["additionalProperties"] is not JsonValue closed || closed.GetValue<bool>())
            Failures.Add($"{path}: unknown fields are refused, so additionalProperties must be false");
        foreach (var (name, nested) in accepted.Nested ?? new Dictionary<string, AcceptedFields>())
        {
            if (properties[name] is { } child)
                CompareAccepted($"{path}.{name}", child, nested);
        }
    }

    private void Compare(string path, JsonNode spec, JsonNode clr, JsonNode clrRoot, HashSet<string> visiting)
    {
        var (specSchema, specNullable) = ResolveSpec(spec);
        var clrSchema = ResolveClr(clr, clrRoot);
        if (specSchema is not JsonObject s || clrSchema is not JsonObject c)
            return; // "true"/{} on either side (JsonElement, object, a custom converter): anything goes, nothing to compare.
        if (spec["$ref"] is JsonValue reference && !visiting.Add(reference.GetValue<string>() + "|" + c.ToJsonString()))
            return;

        var specTypes = Types(s);
        var clrTypes = Types(c);
        if (specTypes.Count > 0 && clrTypes.Count > 0)
        {
            var specKinds = specTypes.Where(t => t != "null").ToHashSet();
            var clrKinds = clrTypes.Where(t => t != "null").ToHashSet();
            if (!specKinds.SetEquals(clrKinds))
                Failures.Add($"{path}: type is {string.Join("|", specKinds)} in the document, {string.Join("|", clrKinds)} in the code");
            var specAllowsNull = specNullable || specTypes.Contains("null");
            if (specAllowsNull != clrTypes.Contains("null"))
                Failures.Add($"{path}: nullable is {specAllowsNull} in the document, {clrTypes.Contains("null")} in the code");
        }

        if (s["properties"] is JsonObject specProperties && c["properties"] is JsonObject clrProperties)
        {
            foreach (var (name, _) in clrProperties.Where(p => !specProperties.ContainsKey(p.Key)))
                Failures.Add($"{path}: the code writes '{name}', the document does not list it");
            foreach (var (name, _) in specProperties.Where(p => !clrProperties.ContainsKey(p.Key)))
                Failures.Add($"{path}: the document lists '{name}', the code never writes it");
            foreach (var (name, specProperty) in specProperties)
            {
                if (clrProperties[name] is { } clrProperty && specProperty is not null)
                    Compare($"{path}.{name}", specProperty, clrProperty, clrRoot, visiting);
            }
        }
        else if (s["properties"] is JsonObject && c["additionalProperties"] is null && clrKindsOf(c).Contains("object"))
        {
            Failures.Add($"{path}: the document lists properties, the code writes an object without any");
        }
        if (s["items"] is { } specItems && c["items"] is { } clrItems)
            Compare(path + "[]", specItems, clrItems, clrRoot, visiting);
        if (s["additionalProperties"] is JsonObject specValues && c["additionalProperties"] is JsonObject clrValues)
            Compare(path + "{}", specValues, clrValues, clrRoot, visiting);

        static HashSet<string> clrKindsOf(JsonObject schema) => Types(schema);
    }

    /// <summary>The schema a <c>$ref</c> names, and whether a oneOf/anyOf around it allows null.</summary>
    private (JsonNode? Schema, bool Nullable) ResolveSpec(JsonNode spec)
    {
        var nullable = false;
        for (var depth = 0; depth < 10; depth++)
        {
            if (spec is JsonObject o && o["$ref"] is JsonValue r)
            {
                spec = components[r.GetValue<string>().Split('/')[^1]]!;
                continue;
            }
            if (spec is JsonObject u && (u["oneOf"] ?? u["anyOf"]) is JsonArray branches)
            {
                var nonNull = branches.Where(b => b?["type"]?.ToString() != "null").ToArray();
                nullable |= nonNull.Length < branches.Count;
                if (nonNull.Length != 1 || u["properties"] is not null)
                    return (u["properties"] is null ? null : u, nullable); // a real union: compared only where it lists properties itself
                spec = nonNull[0]!;
                continue;
            }
            return (spec, nullable);
        }
        return (null, nullable);
    }

    /// <summary>The exporter writes a repeated type once and points at it with a JSON pointer from the root.</summary>
    private static JsonNode? ResolveClr(JsonNode clr, JsonNode root)
    {
        if (clr is not JsonObject o || o["$ref"] is not JsonValue r)
            return clr;
        JsonNode? node = root;
        foreach (var segment in r.GetValue<string>().TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = node is JsonArray a ? a[int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture)] : node?[segment];
        return node;
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue v => [v.GetValue<string>()],
        JsonArray a => a.Select(t => t!.GetValue<string>()).ToHashSet(),
        _ => [],
    };
}
