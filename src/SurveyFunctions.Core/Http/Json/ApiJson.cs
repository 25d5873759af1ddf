using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SurveyFunctions.Core.Http.Json;

/// <summary>
/// The one JSON setting for responses. snake_case because the Polls, Account and Responses families' documentation uses it;
/// camelCase members in the other families' documentation (<c>hasVoted</c>, <c>expiresIn</c>, <c>requestID</c>) are pinned with
/// <see cref="JsonPropertyNameAttribute"/>.
/// </summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new UtcDateTimeConverter() },
    };
}
