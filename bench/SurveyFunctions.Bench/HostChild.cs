using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SurveyFunctions.TestSupport;

namespace SurveyFunctions.Bench;

/// <summary>
/// The standalone host as a child process of the bench (<c>dotnet SurveyFunctions.Host.dll</c> from the bench's output), so its
/// memory is its own: the export scenario reads its working set from /proc while the bench seeds, downloads and counts in
/// another process. Killed on dispose.
/// </summary>
internal sealed class HostChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _tail = new();

    private HostChild(Process process, Uri baseUri, string adminKey)
    {
        _process = process;
        BaseUri = baseUri;
        AdminKey = adminKey;
    }

    public Uri BaseUri { get; }
    public string AdminKey { get; }
    public int ProcessId => _process.Id;

    /// <summary>What the host printed last (for a failure message).</summary>
    public string Tail
    {
        get { lock (_tail) return _tail.ToString(); }
    }

    /// <param name="storage">Azurite's connection string.</param>
    /// <param name="serverGc">The GC the host runs with: the standalone host is an ASP.NET Core app (server GC by default); the
    /// Functions worker in Azure is a console app (workstation GC). False measures what Azure runs.</param>
    public static async Task<HostChild> StartAsync(string storage, bool serverGc)
    {
        var port = LoopbackPorts.PickOne();
        var baseUri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        var adminKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.Environment["DOTNET_gcServer"] = serverGc ? "1" : "0";
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "SurveyFunctions.Host.dll"),
            $"--urls=http://127.0.0.1:{port}",
            $"--AzureWebJobsStorage={storage}",
            $"--SurveyFunctions:AdminKey={adminKey}",
            "--SurveyFunctions:SigningKeys=t1=" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            $"--SurveyFunctions:PublicBaseUrl={baseUri}",
            InProcessHost.RateLimitsOff,
            "--Logging:LogLevel:Default=Warning",
        })
            info.ArgumentList.Add(arg);

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the host process");
        var host = new HostChild(process, baseUri, adminKey);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilHealthyAsync().ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return host;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_tail)
        {
            if (_tail.Length > 16_000) _tail.Remove(0, 8_000);
            _tail.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"the host exited with code {_process.ExitCode} while starting: {Tail}");
            try
            {
                using var reply = await http.GetAsync(new Uri("api/health", UriKind.Relative)).ConfigureAwait(false);
                if (reply.IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or slow to answer while it starts.
            }
            await Task.Delay(200).ConfigureAwait(false);
        }
        throw new TimeoutException("the host did not become healthy within 60 s: " + Tail);
    }
}
