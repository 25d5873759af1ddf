using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SurveyFunctions.Tests.Scripts;

/// <summary>
/// <c>scripts/run-local.sh</c> refuses to start when one of its fixed ports is taken, names the port and the process
/// holding it, and never prints its "running" banner for a process that is not its own host. Each case holds one port
/// itself, so the script stops at its port check and never builds or starts anything.
/// </summary>
public sealed class RunLocalScriptTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(10000)]
    [InlineData(10001)]
    [InlineData(10002)]
    public async Task A_taken_Azurite_port_stops_it_before_anything_starts_naming_the_port_and_its_holder(int port)
    {
        using var holder = TryListen(port);

        var (exitCode, output) = await RunScriptAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"port {port} is already in use", output, StringComparison.Ordinal);
        if (holder is not null)
            Assert.Contains($"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("is running", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Building the host", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// An impostor on 7071 that answers <c>/api/health</c> with 200 healthy, as another worktree's host or an old run would:
    /// the script must not take it for its own host and print the banner with a key that works nowhere.
    /// </summary>
    [Fact]
    public async Task A_healthy_looking_process_already_on_7071_is_not_mistaken_for_its_own_host()
    {
        using var impostor = TryListen(7071);
        using var stop = new CancellationTokenSource();
        var answering = impostor is null ? Task.CompletedTask : AnswerHealthyAsync(impostor, stop.Token);
        if (impostor is not null)
            Assert.Equal(HttpStatusCode.OK, await GetHealthStatusAsync());

        var (exitCode, output) = await RunScriptAsync();
        await stop.CancelAsync();
        await answering;

        Assert.NotEqual(0, exitCode);
        Assert.Contains("port 7071 is already in use", output, StringComparison.Ordinal);
        if (impostor is not null)
            Assert.Contains($"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("is running", output, StringComparison.Ordinal);
        Assert.DoesNotContain("export KEY=", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Holds the port on loopback. Null when something else already holds it (a developer's own run-local.sh, say): the
    /// script must refuse all the same, only the holder's pid is then not ours to check.
    /// </summary>
    private static TcpListener? TryListen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            listener.Dispose();
            return null;
        }
    }

    /// <summary>A minimal HTTP server: every request gets 200 and a healthy-looking health body.</summary>
    private static async Task AnswerHealthyAsync(TcpListener listener, CancellationToken ct)
    {
        const string Body = """{"status":"healthy","storage":{"tables":"reachable","queues":"reachable"}}""";
        var response = Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {Body.Length}\r\nConnection: close\r\n\r\n{Body}");
        while (!ct.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            using (client)
            {
                var stream = client.GetStream();
                var request = new byte[4096];
                _ = await stream.ReadAsync(request, ct);
                await stream.WriteAsync(response, ct);
            }
        }
    }

    private static async Task<HttpStatusCode> GetHealthStatusAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var reply = await http.GetAsync(new Uri("http://127.0.0.1:7071/api/health"));
        return reply.StatusCode;
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync()
    {
        var root = AzuriteInstance.FindRepoRoot();
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(root, "scripts", "run-local.sh"));
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // It got past the port check and started something: stop it all, and fail with what it printed.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"run-local.sh did not stop at its port check within {ScriptTimeout.TotalSeconds} s:\n{await stdout}{await stderr}");
        }
        return (process.ExitCode, await stdout + await stderr);
    }
}
