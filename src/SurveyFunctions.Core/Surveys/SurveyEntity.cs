using System.Globalization;
using Azure.Data.Tables;
using SurveyFunctions.Core.SurveyManagement;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// Maps a <see cref="Survey"/> to its row in the <c>surveys</c> table and back. Scalars are columns; languages, settings
/// and pages are one JSON definition (<see cref="StoredDefinition"/>) split over <c>Definition0…N</c> string properties,
/// because one string property holds at most 64 KiB (32K UTF-16 characters) and a whole entity at most 1 MiB.
/// </summary>
internal static class SurveyEntity
{
    public const string RowKey = "";

    /// <summary>Characters per definition part: 30,000 UTF-16 code units is 60,000 bytes, under the 64 KiB property limit.</summary>
    internal const int PartLength = 30_000;

    /// <summary>
    /// The most definition parts a row may carry (12 × 60 KB = 720 KB), leaving room for the scalar columns under 1 MiB.
    /// <see cref="SurveyInput"/>'s bounds on request size and counts keep real surveys far below this; reaching it is a bug.
    /// </summary>
    internal const int MaxParts = 12;

    public static string PartitionKey(string tenantId, string uuid) => tenantId + "|" + uuid;

    public static TableEntity ToEntity(Survey survey)
    {
        var entity = new TableEntity(PartitionKey(survey.TenantId, survey.Uuid), RowKey)
        {
            ["TenantId"] = survey.TenantId,
            ["Uuid"] = survey.Uuid,
            ["SurveyId"] = survey.Id,
            ["Name"] = survey.Name,
            ["Status"] = survey.Status.ToWire(),
            ["CreatedAt"] = survey.CreatedAt,
            ["UpdatedAt"] = survey.UpdatedAt,
            ["DefinitionVersion"] = survey.Version,
        };
        // Absent rather than null: a Replace drops what is not sent, so a cleared field really goes.
        if (survey.Description is not null) entity["Description"] = survey.Description;
        if (survey.ClosedReason is not null) entity["ClosedReason"] = survey.ClosedReason;
        if (survey.ClosedAt is { } closedAt) entity["ClosedAt"] = closedAt;

        var parts = Split(StoredDefinition.Serialize(survey));
        if (parts.Count > MaxParts)
            throw new InvalidOperationException(
                $"Survey {survey.Uuid}'s definition needs {parts.Count} parts; at most {MaxParts} fit in one entity.");
        entity["DefinitionParts"] = parts.Count;
        for (var i = 0; i < parts.Count; i++)
            entity[PartName(i)] = parts[i];
        return entity;
    }

    public static Survey FromEntity(TableEntity e)
    {
        var count = e.GetInt32("DefinitionParts") ?? 0;
        var definition = string.Concat(Enumerable.Range(0, count).Select(i => e.GetString(PartName(i))));
        var (languages, settings, pages, hiddenFields) = StoredDefinition.Deserialize(definition);
        return new Survey
        {
            TenantId = e.GetString("TenantId") ?? "",
            Uuid = e.GetString("Uuid") ?? "",
            Id = e.GetInt64("SurveyId") ?? 0,
            Name = e.GetString("Name") ?? "",
            Description = e.GetString("Description"),
            Languages = languages,
            Status = SurveyStatuses.TryParse(e.GetString("Status"), out var status) ? status : SurveyStatus.Draft,
            Settings = settings,
            Pages = pages,
            HiddenFields = hiddenFields,
            Version = e.GetInt32("DefinitionVersion") ?? 1,
            CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
            ClosedReason = e.GetString("ClosedReason"),
            ClosedAt = e.GetDateTimeOffset("ClosedAt"),
            ETag = e.ETag.ToString(),
        };
    }

    private static string PartName(int index) => "Definition" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Cuts the text into parts of at most <see cref="PartLength"/>, never between the two halves of a surrogate pair.</summary>
    internal static IReadOnlyList<string> Split(string text)
    {
        var parts = new List<string>();
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(PartLength, text.Length - start);
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
                length--;
            parts.Add(text.Substring(start, length));
            start += length;
        }
        return parts;
    }
}
