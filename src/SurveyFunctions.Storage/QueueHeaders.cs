using Azure.Core;

namespace SurveyFunctions.Storage;

/// <summary>Headers every Queue service request carries.</summary>
internal static class QueueHeaders
{
    // A version both Azure and Azurite 3.x accept; nothing used here changed after it.
    public const string Version = "2021-12-02";

    public static void Apply(Request request) => request.Headers.SetValue("x-ms-version", Version);
}
