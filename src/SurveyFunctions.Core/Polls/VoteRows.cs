using Azure.Data.Tables;
using SurveyFunctions.Core.SessionExports;
using SurveyFunctions.Core.Sessions;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// A poll's votes as export rows. NDJSON: one vote per line in the JSON list's vote shape (<see cref="VoteView"/>). CSV
/// (<see cref="ExportCsv"/>'s dialect): <see cref="Columns"/>: when it was cast; <c>voter_hash</c>, the vote's id (one vote per
/// voter per poll; salted per poll, so it identifies no one elsewhere); <c>voter</c>, the fingerprint the embed SDK sent,
/// empty on anonymous polls; the picked options' ids and labels, each joined with ", " in the poll's option order; and the
/// client metadata the SDK sent, as JSON. Nothing else is stored with a vote (no client address).
/// </summary>
internal static class VoteRows
{
    public static readonly string[] Columns = ["voted_at", "voter_hash", "voter", "option_ids", "option_labels", "client_metadata"];

    public static ExportRows<TableEntity> Create(ExportFormat format, Poll poll, Stream output, bool byteOrderMark) =>
        format == ExportFormat.Csv
            ? new Csv(poll, output, byteOrderMark)
            : new NdjsonRows<TableEntity, VoteView>(output, row => VoteRecords.View(poll, row));

    private sealed class Csv(Poll poll, Stream output, bool byteOrderMark) : CsvRows<TableEntity>(output, byteOrderMark)
    {
        private readonly Dictionary<string, int> _placeOf = poll.Options.Select((o, i) => (o.Id, i)).ToDictionary(p => p.Id, p => p.i);

        protected override IReadOnlyList<string> Columns => VoteRows.Columns;

        protected override void WriteFields(TableEntity row)
        {
            // An option edited away since the vote keeps its id, after the others, so the row still says what was picked.
            var picked = (row.GetString("Options") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
                .OrderBy(id => _placeOf.GetValueOrDefault(id, int.MaxValue)).ThenBy(id => id, StringComparer.Ordinal).ToArray();
            Csv.WriteField(row.GetDateTimeOffset("VotedAt") is { } at ? ExportCsv.Instant(at) : "");
            Csv.WriteField(VoteRecords.VoterHash(row));
            Csv.WriteField(poll.Anonymous ? "" : row.GetString("Fingerprint") ?? "");
            Csv.WriteField(string.Join(AnswerText.ChoiceSeparator, picked));
            Csv.WriteField(string.Join(AnswerText.ChoiceSeparator, picked.Select(id => poll.FindOption(id)?.Label ?? id)));
            Csv.WriteField(row.GetString("ClientMetadata") ?? "");
        }
    }
}
