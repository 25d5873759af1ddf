using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Routing;
using SurveyFunctions.Core.Outcomes;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Polls;

/// <summary>
/// Loads polls for a caller the edge has authenticated: the owner sees its own polls; anyone else sees only published
/// ones; other tenants' drafts do not exist.
/// </summary>
public sealed class PollAccess(PollStore polls)
{
    public static string? PollId(HttpContext context) => RouteIds.Get(context, "id");

    /// <summary>The owner's poll (fresh read) on a tenant route, or not found (also for another tenant's poll).</summary>
    public async Task<Outcome<(Poll Poll, TenantContext Tenant)>> GetOwnedAsync(HttpContext context)
    {
        var tenant = context.Tenant();
        var id = PollId(context);
        var poll = id is null ? null : await polls.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        return poll is null || poll.TenantId != tenant.TenantId ? PollErrors.NotFound() : (poll, tenant);
    }

    /// <summary>
    /// A poll as a public caller or its owner sees it (the edge has checked a presented key);
    /// <paramref name="cached"/> reads through the short poll cache (for the hot public endpoints).
    /// </summary>
    public async Task<Outcome<(Poll Poll, bool IsOwner)>> GetVisibleAsync(HttpContext context, bool cached)
    {
        var tenant = context.TenantOrNull();
        var id = PollId(context);
        var poll = id is null ? null
            : cached ? await polls.GetCachedAsync(id, context.RequestAborted).ConfigureAwait(false)
            : await polls.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (poll is null)
            return PollErrors.NotFound();
        var isOwner = tenant is not null && tenant.TenantId == poll.TenantId;
        return poll.Published || isOwner ? (poll, isOwner) : PollErrors.NotFound();
    }
}
