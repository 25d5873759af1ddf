using System.Text.Json;
using System.Text.Json.Serialization;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Surveys.Logic;

/// <summary>Lets any serializer (the wire views, the stored definition) write and read a logic type through its one reader and
/// writer of the wire form; a stored value that does not read is a <see cref="JsonException"/>.</summary>
public abstract class WireFormConverter<T> : JsonConverter<T>
{
    protected abstract Outcome<T> ReadWire(JsonElement json);

    protected abstract void WriteWire(Utf8JsonWriter writer, T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var read = ReadWire(document.RootElement);
        return read.IsSuccess ? read.Value : throw new JsonException(read.Error.Message);
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => WriteWire(writer, value);
}

/// <summary>A <see cref="Condition"/> through <see cref="ConditionJson"/>.</summary>
public sealed class ConditionJsonConverter : WireFormConverter<Condition>
{
    protected override Outcome<Condition> ReadWire(JsonElement json) => ConditionJson.Read(json, "");

    protected override void WriteWire(Utf8JsonWriter writer, Condition value) => ConditionJson.Write(writer, value);
}

/// <summary>A <see cref="PageBranch"/> through <see cref="PageBranchJson"/>.</summary>
public sealed class PageBranchJsonConverter : WireFormConverter<PageBranch>
{
    protected override Outcome<PageBranch> ReadWire(JsonElement json) => PageBranchJson.Read(json, "");

    protected override void WriteWire(Utf8JsonWriter writer, PageBranch value) => PageBranchJson.Write(writer, value);
}
