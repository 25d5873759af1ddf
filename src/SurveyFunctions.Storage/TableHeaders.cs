using Azure.Core;

namespace SurveyFunctions.Storage;

/// <summary>Headers every Table service request carries.</summary>
internal static class TableHeaders
{
    // The version Azure.Data.Tables sends; the JSON formats used here are stable since 2013-08-15.
    public const string Version = "2019-02-02";
    public const string JsonContentType = "application/json";
    public const string Accept = "application/json;odata=minimalmetadata";

    public static readonly RequestMethod Merge = new("MERGE");

    public static void Apply(Request request)
    {
        var headers = request.Headers;
        headers.SetValue("x-ms-version", Version);
        headers.SetValue("DataServiceVersion", "3.0");
        headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
        headers.SetValue("Accept", Accept);
    }
}
