using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http;
using SurveyFunctions.Core.Tenants;

namespace SurveyFunctions.Core.Polls;

/// <summary>Loads polls for a caller: the owner sees its own polls; anyone else sees only published ones; other tenants' drafts do not exist.</summary>
public sealed class PollAccess(PollStore polls, ApiKeyAuthenticator authenticator)
{
    public static string? PollId(HttpContext context) => RouteIds.Get(context, "id");

    /// <summary>The authenticated owner's poll (fresh read), or the family error.</summary>
    public async Task<Outcome<(Poll Poll, TenantContext Tenant)>> GetOwnedAsync(HttpContext context)
    {
        var tenant = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (!tenant.IsSuccess)
            return tenant.Error;
        var id = PollId(context);
        var poll = id is null ? null : await polls.GetAsync(id, context.RequestAborted).ConfigureAwait(false);
        return poll is null || poll.TenantId != tenant.Value.TenantId ? PollErrors.NotFound() : (poll, tenant.Value);
    }

    /// <summary>
    /// A poll as a public caller or its owner sees it. A caller that presents a key is authenticated (401 if the key is bad);
    /// <paramref name="cached"/> reads through the short poll cache (for the hot public endpoints).
    /// </summary>
    public async Task<Outcome<(Poll Poll, bool IsOwner)>> GetVisibleAsync(HttpContext context, bool cached)
    {
        TenantContext? tenant = null;
        if (ApiKeyAuthenticator.FindPresentedKey(context.Request) is not null)
        {
            var auth = await authenticator.AuthenticateAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            if (!auth.IsSuccess)
                return auth.Error;
            tenant = auth.Value;
        }
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
