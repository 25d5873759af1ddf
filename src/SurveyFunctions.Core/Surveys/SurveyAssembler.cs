using System.Security.Cryptography;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Surveys.Logic;

namespace SurveyFunctions.Core.Surveys;

/// <summary>
/// Turns a validated <see cref="SurveyDraft"/> into a <see cref="Survey"/>: integer ids for the survey, its questions and
/// options (from <see cref="IdAllocator"/>), and identifiers for questions that have none.
/// <para>
/// Editing keeps ids. Answers stored later refer to question and option ids, so an edit that replaces the pages must
/// not renumber what did not change:
/// <list type="bullet">
/// <item>A question is the same question when it has the same <c>identifier</c> (or, without one, the integer <c>id</c>
/// we gave it, whose identifier it then keeps) and the same type: it keeps its id. A question whose type changed is a new
/// question for the answers already given (a text answer is no rating), so it gets a new id.</item>
/// <item>Within a kept question, an option is the same option when it has the integer <c>id</c> we gave it, else the same
/// client id, else exactly the same label: it keeps its id. Other options get new ids; options left out are gone.</item>
/// <item>Integer ids that name nothing in the survey (for example a copied survey's) are ignored: new items get fresh ids.</item>
/// </list>
/// </para>
/// </summary>
public sealed class SurveyAssembler(IdAllocator ids)
{
    private const string IdentifierAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A new survey: a fresh uuid and integer id, status draft; then the draft applied to it like an edit of nothing.
    /// Refused when its logic does not pass <see cref="SurveyLogicCheck"/>.</summary>
    public async Task<Outcome<Survey>> CreateAsync(string tenantId, SurveyDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        var empty = new Survey
        {
            TenantId = tenantId,
            Uuid = Guid.NewGuid().ToString("D"),
            Id = await ids.NextAsync(tenantId, IdKind.Survey, ct).ConfigureAwait(false),
            Name = draft.Name,
            Languages = draft.Languages,
            Status = SurveyStatus.Draft,
            Settings = draft.Settings,
            Pages = [],
            CreatedAt = now,
        };
        return await ApplyAsync(empty, draft, now, ct).ConfigureAwait(false);
    }

    /// <summary><paramref name="current"/> edited to <paramref name="draft"/>; status, ids of kept items and creation time stay.
    /// Refused when the edited survey's logic does not pass <see cref="SurveyLogicCheck"/> (its conditions name options by the
    /// ids this assigns, so the check runs on the assembled survey).</summary>
    public async Task<Outcome<Survey>> ApplyAsync(Survey current, SurveyDraft draft, DateTimeOffset now, CancellationToken ct)
    {
        var pages = await BuildPagesAsync(current.TenantId, draft.Pages, current.Questions.ToArray(), ct).ConfigureAwait(false);
        var edited = current with
        {
            Name = draft.Name,
            Description = draft.Description,
            Languages = draft.Languages,
            Settings = draft.Settings,
            Pages = pages,
            HiddenFields = draft.HiddenFields,
            UpdatedAt = now,
        };
        if (!edited.HasSameDefinition(current))
            edited = edited with { Version = current.Version + 1 };
        return SurveyLogicCheck.Check(edited) is { } error ? error : edited;
    }

    private async Task<IReadOnlyList<SurveyPage>> BuildPagesAsync(string tenantId, IReadOnlyList<PageDraft> drafts,
        IReadOnlyList<SurveyQuestion> existing, CancellationToken ct)
    {
        var all = drafts.SelectMany(p => p.Questions).ToArray();
        var matches = MatchQuestions(all, existing);

        // Identifiers: given ones, then inherited ones, then generated ones, all distinct in the survey.
        var used = new HashSet<string>(all.Select(q => q.Identifier).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var identifiers = new string[all.Length];
        for (var i = 0; i < all.Length; i++)
        {
            if (all[i].Identifier is { } given)
                identifiers[i] = given;
            else if (matches[i] is { } kept && used.Add(kept.Identifier))
                identifiers[i] = kept.Identifier;
        }
        for (var i = 0; i < all.Length; i++)
            identifiers[i] ??= NewIdentifier(used);

        var optionMatches = new QuestionOption?[all.Length][];
        for (var i = 0; i < all.Length; i++)
            optionMatches[i] = MatchOptions(all[i].Options, matches[i]?.Options ?? []);

        var newQuestionIds = new Queue<long>(await ids.AllocateAsync(tenantId, IdKind.Question, matches.Count(m => m is null),
            ct).ConfigureAwait(false));
        var newOptionIds = new Queue<long>(await ids.AllocateAsync(tenantId, IdKind.Option, optionMatches.Sum(o => o.Count(m => m is null)),
            ct).ConfigureAwait(false));

        var pages = new List<SurveyPage>(drafts.Count);
        var index = 0;
        foreach (var page in drafts)
        {
            var questions = new List<SurveyQuestion>(page.Questions.Count);
            foreach (var draft in page.Questions)
            {
                var options = draft.Options
                    .Select((o, k) => new QuestionOption(optionMatches[index][k]?.Id ?? newOptionIds.Dequeue(), o.ClientId, o.Label, o.Disqualify))
                    .ToArray();
                questions.Add(new SurveyQuestion
                {
                    Id = matches[index]?.Id ?? newQuestionIds.Dequeue(),
                    Identifier = identifiers[index],
                    Type = draft.Type,
                    Text = draft.Text,
                    Required = draft.Required,
                    Options = options,
                    Scale = draft.Scale,
                    DisplayIf = draft.DisplayIf,
                });
                index++;
            }
            pages.Add(new SurveyPage(questions) { Identifier = page.Identifier, Branches = page.Branches });
        }
        return pages;
    }

    /// <summary>For each drafted question, the existing question it continues (same identifier or id, same type), if any.</summary>
    private static SurveyQuestion?[] MatchQuestions(QuestionDraft[] drafts, IReadOnlyList<SurveyQuestion> existing)
    {
        var matches = new SurveyQuestion?[drafts.Length];
        var taken = new HashSet<long>();
        var givenIdentifiers = new HashSet<string>(drafts.Select(d => d.Identifier).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < drafts.Length; i++)
        {
            if (drafts[i].Identifier is { } identifier)
                matches[i] = existing.FirstOrDefault(q => string.Equals(q.Identifier, identifier, StringComparison.OrdinalIgnoreCase));
        }
        for (var i = 0; i < drafts.Length; i++)
        {
            // By id only when no drafted question claims that question's identifier explicitly.
            if (drafts[i].Identifier is null && drafts[i].Id is { } id)
                matches[i] = existing.FirstOrDefault(q => q.Id == id && !givenIdentifiers.Contains(q.Identifier));
        }
        for (var i = 0; i < drafts.Length; i++)
        {
            if (matches[i] is { } match && (match.Type != drafts[i].Type || !taken.Add(match.Id)))
                matches[i] = null;
        }
        return matches;
    }

    /// <summary>For each drafted option, the existing option of the same question it continues: by our id, client id, then label.</summary>
    private static QuestionOption?[] MatchOptions(IReadOnlyList<OptionDraft> drafts, IReadOnlyList<QuestionOption> existing)
    {
        var matches = new QuestionOption?[drafts.Count];
        var taken = new HashSet<long>();
        Func<OptionDraft, QuestionOption, bool>[] rules =
        [
            (d, o) => d.Id == o.Id,
            (d, o) => d.ClientId is not null && d.ClientId == o.ClientId,
            (d, o) => d.Label.Equals(o.Label),
        ];
        foreach (var rule in rules)
        {
            for (var i = 0; i < drafts.Count; i++)
            {
                if (matches[i] is not null)
                    continue;
                var match = existing.FirstOrDefault(o => !taken.Contains(o.Id) && rule(drafts[i], o));
                if (match is not null)
                {
                    matches[i] = match;
                    taken.Add(match.Id);
                }
            }
        }
        return matches;
    }

    /// <summary>An identifier in the Polling.com Account Level API's style (<c>qIknp2l5Kh</c>): 'q' and nine random letters and digits, unused in
    /// the survey.</summary>
    private static string NewIdentifier(HashSet<string> used)
    {
        while (true)
        {
            var identifier = "q" + RandomNumberGenerator.GetString(IdentifierAlphabet, 9);
            if (used.Add(identifier))
                return identifier;
        }
    }
}
