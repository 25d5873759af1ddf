using Microsoft.AspNetCore.Http;
using SurveyFunctions.Core.Http.Hosted;

namespace SurveyFunctions.Core.Embed;

/// <summary>
/// <c>GET /embed/poll.js</c>: the poll embed (Embed/poll.js, embedded), which customers put on their own sites with
/// <c>&lt;script src="{PublicBaseUrl}/embed/poll.js" data-poll="poll_…" async&gt;</c>. Its URL has no version in it,
/// so browsers keep it five minutes and then revalidate through the ETag: a deployment reaches every site within
/// minutes, and an unchanged script costs a 304.
/// </summary>
public sealed class PollEmbedScriptEndpoint
{
    private readonly StaticAsset _script = StaticAsset.Load("SurveyFunctions.embed.poll.js", "text/javascript; charset=utf-8", "public, max-age=300");

    public Task<IResult> GetAsync(HttpContext context) => Task.FromResult(_script.Serve(context));
}
