using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using SurveyFunctions.Core.Surveys;

namespace SurveyFunctions.Core.Sessions;

/// <summary>Maps sessions, answers and respondent profiles to and from their table rows (<see cref="SessionKeys"/>).</summary>
internal static class SessionEntities
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Answers as typed, not \u-escaped: non-Latin text stays as compact in storage as on the wire.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public const string KindProperty = "Kind";
    public const string SessionKind = "session";
    public const string PageKind = "answers";
    public const string RespondentKind = "respondent";

    public static TableEntity ToEntity(SurveySession session)
    {
        var row = new TableEntity(SessionKeys.Partition(session.Locator), SessionKeys.SessionRow(session.SurveyUuid, session.Id))
        {
            [KindProperty] = SessionKind,
            ["SessionId"] = session.Id,
            ["SurveyUuid"] = session.SurveyUuid,
            ["SurveyId"] = session.SurveyId,
            ["DefinitionVersion"] = session.DefinitionVersion,
            ["StartedAt"] = session.StartedAt,
            ["IsCompleted"] = session.IsCompleted,
            ["IsDisqualified"] = session.IsDisqualified,
            ["PageIndex"] = session.PageIndex,
            ["Step"] = session.Step,
            ["IsMobile"] = session.IsMobile,
            ["LastAccessAt"] = session.LastAccessAt,
        };
        Optional(row, "Language", session.Language);
        Optional(row, "CompletedAt", session.CompletedAt);
        if (session.HiddenFields.Count > 0)
            row["HiddenFields"] = JsonSerializer.Serialize(session.HiddenFields, Json);
        if (session.Revisions.Count > 0)
            row["Revisions"] = JsonSerializer.Serialize(session.Revisions.Select(r => new StoredRevision(r.QuestionId, r.Revision,
                r.Previous?.Slots)), Json);
        if (session.Respondent is { } respondent)
        {
            row["RespondentId"] = respondent.Id;
            row["ExternalId"] = respondent.ExternalId;
        }
        return row;
    }

    public static SurveySession ToSession(string tenantId, TableEntity row, IReadOnlyList<SessionAnswer> answers)
    {
        var respondentId = row.GetInt64("RespondentId");
        var externalId = row.GetString("ExternalId");
        return new SurveySession
        {
            TenantId = tenantId,
            Id = row.GetInt64("SessionId") ?? 0,
            SurveyUuid = row.GetString("SurveyUuid") ?? "",
            SurveyId = row.GetInt64("SurveyId") ?? 0,
            DefinitionVersion = row.GetInt32("DefinitionVersion") ?? 0,
            Respondent = respondentId is { } id && externalId is not null ? new SessionRespondent(id, externalId) : null,
            Language = row.GetString("Language"),
            StartedAt = row.GetDateTimeOffset("StartedAt") ?? default,
            CompletedAt = row.GetDateTimeOffset("CompletedAt"),
            IsCompleted = row.GetBoolean("IsCompleted") ?? false,
            IsDisqualified = row.GetBoolean("IsDisqualified") ?? false,
            PageIndex = row.GetInt32("PageIndex") ?? 0,
            Step = row.GetInt32("Step") ?? 0,
            IsMobile = row.GetBoolean("IsMobile") ?? false,
            LastAccessAt = row.GetDateTimeOffset("LastAccessAt") ?? default,
            Answers = answers,
            Revisions = ToRevisions(row.GetString("Revisions")),
            HiddenFields = row.GetString("HiddenFields") is { } hidden
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(hidden, Json) ?? [] : SurveySession.NoHiddenFields,
            ETag = row.ETag.ToString(),
        };
    }

    private static AnswerRevision[] ToRevisions(string? json) =>
        json is null ? [] : (JsonSerializer.Deserialize<StoredRevision[]>(json, Json) ?? [])
            .Select(r => new AnswerRevision(r.Q, r.R, r.P is null ? null : new CountedAnswer(r.P))).ToArray();

    /// <summary>
    /// The answers given on one page, as one row: a JSON array (<see cref="StoredAnswer"/>) split over <c>Answers0…N</c> string
    /// properties like a survey's definition, since one property holds at most 64 KiB.
    /// </summary>
    public static TableEntity ToPageEntity(SurveySession session, int pageIndex, IReadOnlyList<SessionAnswer> answers)
    {
        var row = new TableEntity(SessionKeys.Partition(session.Locator), SessionKeys.PageRow(session.SurveyUuid, session.Id, pageIndex))
        {
            [KindProperty] = PageKind,
            ["SessionId"] = session.Id,
            ["PageIndex"] = pageIndex,
        };
        var json = JsonSerializer.Serialize(answers.Select(a => new StoredAnswer(a.Id, a.QuestionId, a.QuestionIdentifier,
            a.OptionIds.Count == 0 ? null : a.OptionIds, a.Value, a.Text, a.AnsweredAt, a.FirstAnsweredAt)), Json);
        var parts = SurveyEntity.Split(json);
        row["AnswerParts"] = parts.Count;
        for (var i = 0; i < parts.Count; i++)
            row[AnswerPart(i)] = parts[i];
        return row;
    }

    public static IReadOnlyList<SessionAnswer> ToPageAnswers(TableEntity row)
    {
        var pageIndex = row.GetInt32("PageIndex") ?? 0;
        var json = string.Concat(Enumerable.Range(0, row.GetInt32("AnswerParts") ?? 0).Select(i => row.GetString(AnswerPart(i))));
        var stored = json.Length == 0 ? [] : JsonSerializer.Deserialize<StoredAnswer[]>(json, Json) ?? [];
        return stored.Select(a => new SessionAnswer
        {
            Id = a.Id,
            QuestionId = a.QuestionId,
            QuestionIdentifier = a.Identifier,
            PageIndex = pageIndex,
            OptionIds = a.Options ?? [],
            Value = a.Value,
            Text = a.Text,
            AnsweredAt = a.At,
            FirstAnsweredAt = a.First,
        }).ToArray();
    }

    public static TableEntity ToEntity(Respondent respondent)
    {
        var row = new TableEntity(SessionKeys.RespondentPartition(respondent.TenantId, RespondentKeys.For(respondent.ExternalId)),
            SessionKeys.ProfileRow)
        {
            [KindProperty] = RespondentKind,
            ["RespondentId"] = respondent.Id,
            ["ExternalId"] = respondent.ExternalId,
            ["IsMobile"] = respondent.IsMobile,
            ["LastAccessAt"] = respondent.LastAccessAt,
            ["CreatedAt"] = respondent.CreatedAt,
        };
        Optional(row, "Language", respondent.Language);
        Optional(row, "Country", respondent.Country);
        Optional(row, "Region", respondent.Region);
        Optional(row, "City", respondent.City);
        Optional(row, "Lat", respondent.Lat);
        Optional(row, "Lon", respondent.Lon);
        return row;
    }

    public static Respondent ToRespondent(string tenantId, TableEntity row) => new()
    {
        TenantId = tenantId,
        Id = row.GetInt64("RespondentId") ?? 0,
        ExternalId = row.GetString("ExternalId") ?? "",
        Language = row.GetString("Language"),
        IsMobile = row.GetBoolean("IsMobile") ?? false,
        Country = row.GetString("Country"),
        Region = row.GetString("Region"),
        City = row.GetString("City"),
        Lat = row.GetDouble("Lat"),
        Lon = row.GetDouble("Lon"),
        LastAccessAt = row.GetDateTimeOffset("LastAccessAt") ?? default,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        ETag = row.ETag.ToString(),
    };

    /// <summary>A merge of what a new session tells about an existing respondent: nulls are left out, so stored values stay.</summary>
    public static TableEntity ProfileUpdate(string tenantId, string respondentKey, RespondentDetails details, DateTimeOffset now)
    {
        var row = new TableEntity(SessionKeys.RespondentPartition(tenantId, respondentKey), SessionKeys.ProfileRow)
        {
            ["IsMobile"] = details.IsMobile,
            ["LastAccessAt"] = now,
        };
        Optional(row, "Language", details.Language);
        Optional(row, "Country", details.Country);
        Optional(row, "Region", details.Region);
        Optional(row, "City", details.City);
        Optional(row, "Lat", details.Lat);
        Optional(row, "Lon", details.Lon);
        return row;
    }

    /// <summary>Just "the respondent was here": the merge every later submission of their session makes.</summary>
    public static TableEntity Touch(string tenantId, string respondentKey, DateTimeOffset now) =>
        new(SessionKeys.RespondentPartition(tenantId, respondentKey), SessionKeys.ProfileRow) { ["LastAccessAt"] = now };

    /// <summary>Absent values are left out of the row rather than written as nulls: a replace then drops them, a merge
    /// keeps the stored one.</summary>
    private static void Optional(TableEntity row, string name, object? value)
    {
        if (value is not null)
            row[name] = value;
    }

    private static string AnswerPart(int index) => "Answers" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The stored form of an <see cref="AnswerRevision"/>: question, revision, and the slots counted before
    /// (absent: nothing counted).</summary>
    private sealed record StoredRevision(long Q, int R, IReadOnlyList<long>? P);

    /// <summary>The stored form of an answer: its own record, so renaming a model property never changes what is stored.</summary>
    /// <remarks><c>First</c> is absent (null) for answers never changed, which is every answer written before it existed.</remarks>
    private sealed record StoredAnswer(long Id, long QuestionId, string Identifier, IReadOnlyList<long>? Options, long? Value, string? Text,
        DateTimeOffset At, DateTimeOffset? First = null);
}
