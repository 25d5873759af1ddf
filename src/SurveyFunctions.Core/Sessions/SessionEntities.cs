using System.Globalization;
using Azure.Data.Tables;

namespace SurveyFunctions.Core.Sessions;

/// <summary>Maps sessions, answers and respondent profiles to and from their table rows (<see cref="SessionKeys"/>).</summary>
internal static class SessionEntities
{
    public const string KindProperty = "Kind";
    public const string SessionKind = "session";
    public const string AnswerKind = "answer";
    public const string RespondentKind = "respondent";

    public static TableEntity ToEntity(SurveySession session)
    {
        var row = new TableEntity(SessionKeys.Partition(session.Locator), SessionKeys.SessionRow(session.SurveyUuid, session.Id))
        {
            [KindProperty] = SessionKind,
            ["SessionId"] = session.Id,
            ["SurveyUuid"] = session.SurveyUuid,
            ["SurveyId"] = session.SurveyId,
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
            ETag = row.ETag.ToString(),
        };
    }

    public static TableEntity ToEntity(SurveySession session, SessionAnswer answer)
    {
        var row = new TableEntity(SessionKeys.Partition(session.Locator), SessionKeys.AnswerRow(session.SurveyUuid, session.Id, answer.QuestionId))
        {
            [KindProperty] = AnswerKind,
            ["AnswerId"] = answer.Id,
            ["SessionId"] = session.Id,
            ["QuestionId"] = answer.QuestionId,
            ["QuestionIdentifier"] = answer.QuestionIdentifier,
            ["AnsweredAt"] = answer.AnsweredAt,
        };
        if (answer.OptionIds.Count > 0)
            row["OptionIds"] = string.Join(',', answer.OptionIds.Select(o => o.ToString(CultureInfo.InvariantCulture)));
        Optional(row, "Value", answer.Value);
        Optional(row, "Text", answer.Text);
        return row;
    }

    public static SessionAnswer ToAnswer(TableEntity row) => new()
    {
        Id = row.GetInt64("AnswerId") ?? 0,
        QuestionId = row.GetInt64("QuestionId") ?? 0,
        QuestionIdentifier = row.GetString("QuestionIdentifier") ?? "",
        OptionIds = row.GetString("OptionIds") is { Length: > 0 } ids
            ? ids.Split(',').Select(id => long.Parse(id, CultureInfo.InvariantCulture)).ToArray()
            : [],
        Value = row.GetInt64("Value"),
        Text = row.GetString("Text"),
        AnsweredAt = row.GetDateTimeOffset("AnsweredAt") ?? default,
    };

    public static TableEntity ToEntity(Respondent respondent)
    {
        var row = new TableEntity(SessionKeys.RespondentPartition(respondent.TenantId, RespondentKeys.For(respondent.ExternalId)), SessionKeys.ProfileRow)
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

    /// <summary>Absent values are left out of the row rather than written as nulls: a replace then drops them, a merge keeps the stored one.</summary>
    private static void Optional(TableEntity row, string name, object? value)
    {
        if (value is not null)
            row[name] = value;
    }
}
