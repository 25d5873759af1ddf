using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace SurveyFunctions.TestSupport;

/// <summary>
/// A private Azurite (blob, queue, table) on three free loopback ports, in-memory, killed on dispose.
/// Each test collection gets its own so tests never share state or fight over the default ports.
/// </summary>
public sealed class AzuriteInstance : IAsyncDisposable
{
    // The well-known development storage key; public by design, not a secret.
    private const string DevAccountName = "devstoreaccount1";
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _stdout;
    private readonly StringBuilder _stderr;
    private int _disposed;

    private AzuriteInstance(Process process, StringBuilder stdout, StringBuilder stderr, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _stdout = stdout;
        _stderr = stderr;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
        ConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={DevAccountName};AccountKey={DevAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{DevAccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{DevAccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{DevAccountName};");
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    public int TablePort { get; }
    public string ConnectionString { get; }

    /// <summary>What Azurite wrote to stderr so far (useful in failure messages).</summary>
    public string CapturedStandardError
    {
        get { lock (_stderr) { return _stderr.ToString(); } }
    }

    /// <summary>Walks up from the test binary folder to the folder holding package.json and node_modules/azurite.</summary>
    public static string FindRepoRoot()
    {
        string? firstWithPackageJson = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "package.json")))
            {
                continue;
            }
            firstWithPackageJson ??= dir.FullName;
            if (Directory.Exists(Path.Combine(dir.FullName, "node_modules", "azurite")))
            {
                return dir.FullName;
            }
        }

        if (firstWithPackageJson is not null)
        {
            throw new InvalidOperationException(
                $"Azurite is not installed: '{Path.Combine(firstWithPackageJson, "node_modules", "azurite")}' is missing. Run `npm ci` at the repo root ({firstWithPackageJson}).");
        }
        throw new InvalidOperationException(
            $"Could not find the repo root (a folder with package.json) above '{AppContext.BaseDirectory}'. Run `npm ci` at the repo root.");
    }

    /// <summary>
    /// Starts Azurite on free ports. Ports are picked, released and then handed to Azurite, so on a busy machine another
    /// process can take one in between (EADDRINUSE): that attempt is retried on fresh ports.
    /// </summary>
    public static async Task<AzuriteInstance> StartAsync(CancellationToken ct = default)
    {
        const int Attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(ct).ConfigureAwait(false);
            }
            catch (InvalidOperationException ex) when (attempt < Attempts && ex.Message.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                // Someone else took a port between picking and listening: pick again.
            }
        }
    }

    private static async Task<AzuriteInstance> StartOnceAsync(CancellationToken ct)
    {
        var root = FindRepoRoot();
        var entry = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(entry))
        {
            throw new InvalidOperationException($"Azurite entry point '{entry}' is missing. Run `npm ci` at the repo root ({root}).");
        }

        // Three distinct ports: hold all listeners open until all three are picked so we cannot get the same one twice.
        var ports = LoopbackPorts.Pick(3);
        var (blobPort, queuePort, tablePort) = (ports[0], ports[1], ports[2]);

        var psi = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            CreateNoWindow = true,
            WorkingDirectory = root,
        };
        psi.ArgumentList.Add(entry);
        foreach (var arg in new[]
                 {
                     "--silent", "--disableTelemetry", "--inMemoryPersistence", "--skipApiVersionCheck",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", blobPort.ToString(CultureInfo.InvariantCulture),
                     "--queuePort", queuePort.ToString(CultureInfo.InvariantCulture),
                     "--tablePort", tablePort.ToString(CultureInfo.InvariantCulture),
                 })
        {
            psi.ArgumentList.Add(arg);
        }

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        // Drain both pipes asynchronously: a full pipe would block Azurite mid-write.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (stdout) { stdout.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };

        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException("Could not start node for Azurite.");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException("Could not start `node` (is Node.js on PATH?) to run Azurite.", ex);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var instance = new AzuriteInstance(process, stdout, stderr, blobPort, queuePort, tablePort);
        try
        {
            await instance.WaitUntilListeningAsync(ct).ConfigureAwait(false);
            return instance;
        }
        catch
        {
            await instance.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var pending = new List<int> { BlobPort, QueuePort, TablePort };
        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {_process.ExitCode} before listening. stderr:\n{CapturedStandardError}\nstdout:\n{Captured(_stdout)}");
            }
            if (deadline.Elapsed > StartupTimeout)
            {
                throw new TimeoutException(
                    $"Azurite did not listen on port(s) {string.Join(", ", pending)} within {StartupTimeout.TotalSeconds:0} s. stderr:\n{CapturedStandardError}\nstdout:\n{Captured(_stdout)}");
            }

            for (var i = pending.Count - 1; i >= 0; i--)
            {
                if (await CanConnectAsync(pending[i], ct).ConfigureAwait(false))
                {
                    pending.RemoveAt(i);
                }
            }
            if (pending.Count > 0)
            {
                await Task.Delay(50, ct).ConfigureAwait(false);
            }
        }
    }

    private static string Captured(StringBuilder sb)
    {
        lock (sb) { return sb.ToString(); }
    }

    private static async Task<bool> CanConnectAsync(int port, CancellationToken ct)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        catch (OperationCanceledException)
        {
            // Best effort: do not hang test teardown on a stuck process.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
