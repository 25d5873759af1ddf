using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SurveyFunctions.Tests.Infrastructure;

/// <summary>
/// The standalone host as a real child process (<c>dotnet SurveyFunctions.Host.dll</c>), so a test can kill it the way
/// a crash or a scale-in does: no shutdown hooks, no flushing, sockets cut mid-request.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts the host on a free port against the given storage and waits until <c>/api/health</c> says healthy.</summary>
    public static async Task<HostProcess> StartAsync(string storageConnectionString, IEnumerable<string> extraArgs)
    {
        var baseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPorts.PickOne()}"));
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        string[] args =
        [
            Path.Combine(AppContext.BaseDirectory, "SurveyFunctions.Host.dll"),
            $"--urls={baseAddress}",
            $"--AzureWebJobsStorage={storageConnectionString}",
            $"--SurveyFunctions:AdminKey={SurveyHost.AdminKey}",
            $"--SurveyFunctions:SigningKeys={SurveyHost.SigningKeys}",
            $"--SurveyFunctions:PublicBaseUrl={baseAddress}",
            "--SurveyFunctions:VoteShards=4",
            InProcessHost.RateLimitsOff,
            "--Logging:LogLevel:Default=Warning",
            .. extraArgs,
        ];
        foreach (var arg in args)
            info.ArgumentList.Add(arg);

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the host process.");
        var host = new HostProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => host.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => host.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync();
        return host;
    }

    /// <summary>What the process printed (for failure messages).</summary>
    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    /// <summary>SIGKILL, the whole tree: nothing in the host gets to run another instruction.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private void Capture(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            // Keep the tail only: a long run must not grow this without bound.
            if (_output.Length > 64_000)
                _output.Remove(0, 32_000);
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} while starting:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer while it starts.
            }
            await Task.Delay(200);
        }
        Kill();
        throw new TimeoutException($"The host did not become healthy within {StartupTimeout.TotalSeconds} s:\n{Output}");
    }
}
