using System.Text.Json.Nodes;
using SurveyFunctions.Core.Http.Json;

namespace SurveyFunctions.Tests.OpenApi;

/// <summary>
/// Every schema of the served OpenAPI document matches the code behind it (<see cref="OpenApiSchemaSources"/>): replies
/// against the JSON schema of the record they are serialized from, request bodies against the fields their parser accepts.
/// </summary>
public sealed class OpenApiSchemaTests
{
    internal static JsonObject Document()
    {
        using var stream = typeof(ApiJson).Assembly.GetManifestResourceStream("SurveyFunctions.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is not embedded.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    private static JsonObject Schemas() => Document()["components"]!["schemas"]!.AsObject();

    [Fact]
    public void Every_schema_names_the_code_behind_it()
    {
        var schemas = Schemas().Select(s => s.Key).ToArray();
        var unmapped = schemas.Where(n => !OpenApiSchemaSources.All.ContainsKey(n) && !OpenApiSchemaSources.Compositions.ContainsKey(n));
        Assert.True(!unmapped.Any(), "Schemas with no type or parser in OpenApiSchemaSources: " + string.Join(", ", unmapped));
        var stale = OpenApiSchemaSources.All.Keys.Concat(OpenApiSchemaSources.Compositions.Keys).Except(schemas);
        Assert.True(!stale.Any(), "OpenApiSchemaSources names schemas the document does not have: " + string.Join(", ", stale));
    }

    [Fact]
    public void Every_reply_schema_matches_the_record_that_produces_it()
    {
        var schemas = Schemas();
        var comparer = new SchemaComparer(schemas);
        foreach (var (name, source) in OpenApiSchemaSources.All)
        {
            if (source is ProducedBy produced && schemas[name] is { } schema)
                comparer.Compare(name, schema, produced.Type);
        }
        Assert.True(comparer.Failures.Count == 0, string.Join(Environment.NewLine, comparer.Failures));
    }

    [Fact]
    public void Every_request_schema_lists_exactly_the_fields_its_parser_accepts()
    {
        var schemas = Schemas();
        var comparer = new SchemaComparer(schemas);
        foreach (var (name, source) in OpenApiSchemaSources.All)
        {
            if (source is AcceptedFields accepted && schemas[name] is { } schema)
                comparer.CompareAccepted(name, schema, accepted);
            if (source is AcceptedForms forms)
            {
                var documented = schemas[name]?["oneOf"] as JsonArray;
                Assert.True(documented is not null, $"{name}: the code reads several forms, so the document must list them as oneOf");
                Assert.True(documented.Count == forms.Forms.Count, $"{name}: the document has {documented.Count} forms, the code {forms.Forms.Count}");
                for (var i = 0; i < documented.Count; i++)
                    comparer.CompareAccepted($"{name}.oneOf[{i}]", documented[i]!, forms.Forms[i]);
            }
        }
        Assert.True(comparer.Failures.Count == 0, string.Join(Environment.NewLine, comparer.Failures));
    }
}
