using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace SurveyFunctions.Core.Http.RateLimiting;

/// <summary>
/// The client address a request is limited by. By default the connection's remote address, which both hosts make
/// trustworthy: the standalone host reads it from the socket and trusts no header; on Azure Functions the worker's
/// ASP.NET Core integration runs ForwardedHeadersMiddleware trusting only the loopback Functions host, so the remote
/// address is the rightmost <c>X-Forwarded-For</c> entry, the one the platform's front end appended (what a client put
/// in that header itself is to its left and ignored). Behind another proxy (Front Door, APIM, a load balancer) every
/// request would come from the proxy: <see cref="Configuration.RateLimitOptions.ClientAddressHeader"/> names the header
/// that proxy sets. IPv6 clients are grouped by their /64, the block one subscriber gets (and can rotate addresses in).
/// </summary>
public static class ClientAddress
{
    private const string Unknown = "unknown";

    public static string Of(HttpContext context, string? trustedHeader)
    {
        var address = FromHeader(context.Request, trustedHeader) ?? context.Connection.RemoteIpAddress;
        return address is null ? Unknown : Partition(address);
    }

    /// <summary>The rightmost entry of the trusted header (a proxy appends the address it saw), with or without a port.</summary>
    private static IPAddress? FromHeader(HttpRequest request, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
            return null;
        var value = request.Headers[header].ToString();
        var last = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (last is null)
            return null;
        if (IPAddress.TryParse(last, out var address))
            return address;
        return IPEndPoint.TryParse(last, out var endpoint) ? endpoint.Address : null;
    }

    private static string Partition(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || IPAddress.IsLoopback(address))
            return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
