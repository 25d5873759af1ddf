using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SurveyFunctions.Core.Configuration;
using SurveyFunctions.Core.Outcomes;

namespace SurveyFunctions.Core.Webhooks;

/// <summary>
/// Where webhooks may go (against server-side request forgery): https URLs to public addresses; plain http, and any
/// address, only for the hosts in <see cref="SurveyFunctionsOptions.WebhookAllowedHttpHosts"/>. A URL is checked when an
/// endpoint is saved (a literal address in a forbidden range is refused at once) and again on every connection
/// (<see cref="WebhookHttp"/>), against the address actually connected to, so a name that resolves to an inner address,
/// or starts to later, is refused too.
/// </summary>
public sealed class WebhookTargets(IOptions<SurveyFunctionsOptions> options)
{
    public const int MaxUrlLength = 2000;

    private readonly HashSet<string> _allowed = new(
        options.Value.WebhookAllowedHttpHosts.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        StringComparer.OrdinalIgnoreCase);

    public bool IsAllowedHost(string host) => _allowed.Contains(host.Trim('[', ']'));

    /// <summary>The URL as an endpoint may have it, or a <c>validation_error</c> on <paramref name="field"/> saying why not.</summary>
    public Outcome<Uri> Check(string url, string field = "url")
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || string.IsNullOrEmpty(uri.Host))
        {
            return ApiError.BadRequest($"'{field}' must be an absolute https URL such as https://example.com/webhooks.", field);
        }
        if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
            return ApiError.BadRequest($"'{field}' must not carry a user name, password or #fragment.", field);
        var allowed = IsAllowedHost(uri.Host);
        if (uri.Scheme == Uri.UriSchemeHttp && !allowed)
            return ApiError.BadRequest($"'{field}' must use https (plain http only to the hosts this service allows).", field);
        if (!allowed && IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && Forbidden(address) is { } range)
            return ApiError.BadRequest($"'{field}' points at a {range} address, which webhooks may not reach.", field);
        return uri;
    }

    /// <summary>The kind of forbidden range <paramref name="address"/> is in (loopback, private…), or null when it is public.</summary>
    public static string? Forbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address))
            return "loopback";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.None))
            return "unspecified";
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b6 = address.GetAddressBytes();
            if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
                return "link-local";
            if ((b6[0] & 0xFE) == 0xFC)
                return "private";
            return address.IsIPv6Multicast ? "multicast" : null;
        }
        var b = address.GetAddressBytes();
        return b switch
        {
            [169, 254, 169, 254] => "cloud metadata",
            [169, 254, _, _] => "link-local",
            [10, _, _, _] or [192, 168, _, _] => "private",
            [172, >= 16 and < 32, _, _] => "private",
            [100, >= 64 and < 128, _, _] => "shared (carrier-grade NAT)",
            [0, _, _, _] => "unspecified",
            [>= 224, _, _, _] => "multicast or reserved",
            _ => null,
        };
    }
}
