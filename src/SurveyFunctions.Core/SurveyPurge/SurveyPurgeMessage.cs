using SurveyFunctions.Core.Security;

namespace SurveyFunctions.Core.SurveyPurge;

/// <summary>The purge queue's message: <c>{tenant}|{uuid}</c> of a deleted survey (the queue client base64-encodes it).</summary>
public static class SurveyPurgeMessage
{
    public static string Format(string tenantId, string uuid) => tenantId + "|" + uuid;

    /// <summary>The tenant and uuid, or null for text that is not a purge message (it then ends in the poison queue).</summary>
    public static (string TenantId, string Uuid)? TryParse(string? text)
    {
        var parts = text?.Split('|');
        return parts is { Length: 2 } && PublicIds.IsValid(parts[0]) && PublicIds.IsValid(parts[1]) ? (parts[0], parts[1]) : null;
    }
}
