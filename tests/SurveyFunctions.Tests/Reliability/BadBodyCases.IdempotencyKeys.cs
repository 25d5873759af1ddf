using SurveyFunctions.Core.Composition;
using static SurveyFunctions.Tests.Reliability.Expected;

namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// Malformed <c>Idempotency-Key</c> headers on every route declared idempotent, each with a body the route accepts: the
/// family's 400 naming the header, before the request is run or its key claimed.
/// </summary>
public static partial class BadBodyCases
{
    public static IEnumerable<BadRequest> IdempotencyKeys()
    {
        (string Input, string Key)[] keys =
        [
            ("Idempotency-Key: empty", ""), ("Idempotency-Key: 256 characters", new string('k', 256)),
            ("Idempotency-Key: 5,000 characters", new string('k', 5000)), ("Idempotency-Key: tab inside", "a\tb"),
        ];
        var idempotent = RouteTable.All.Where(e => e.Idempotency is not null).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var endpoint in Endpoints.Append(ResponsesCreate).Append(ResponsesSubmit).Where(e => idempotent.Contains(e.Name)))
        {
            foreach (var (input, key) in keys)
                yield return endpoint.Request(input, endpoint.ValidBody, Invalid("Idempotency-Key")) with { IdempotencyKey = key };
        }
    }
}
