using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Admin;

/// <summary>The operator's key for <c>/api/admin/*</c>: compared as hashes in constant time; no key configured = no admin routes.</summary>
public sealed class AdminKeyGuard(IOptions<SurveyFunctionsOptions> options)
{
    public const string Header = "X-Admin-Key";

    private readonly byte[]? _adminKeyHash = string.IsNullOrEmpty(options.Value.AdminKey) ? null
        : SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminKey));

    /// <summary>Null when the caller presented the admin key, else the error to answer.</summary>
    public ApiError? Check(HttpRequest request)
    {
        if (_adminKeyHash is null)
            return ApiError.NotFound("Admin endpoints are disabled: no SurveyFunctions:AdminKey is configured.", "route_not_found");
        var presented = request.Headers[Header].ToString();
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(presentedHash, _adminKeyHash)
            ? null
            : ApiError.Unauthorized("Missing or invalid X-Admin-Key.");
    }
}
