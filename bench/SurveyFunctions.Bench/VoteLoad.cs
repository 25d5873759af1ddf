using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace SurveyFunctions.Bench;

/// <summary>A published poll the load can vote on: vote URL and its embed token, JSON-encoded once.</summary>
internal sealed class VoteTarget(string pollId, Uri voteUri, string token)
{
    public string PollId { get; } = pollId;
    public Uri VoteUri { get; } = voteUri;
    public byte[] TokenJson { get; } = JsonEncodedText.Encode(token).EncodedUtf8Bytes.ToArray();
}

/// <summary>What one load run produced: per poll and option, votes the service answered 200 to.</summary>
internal sealed class LoadOutcome
{
    public required long[] AcceptedPerPollOption { get; init; }
    public required long Attempts { get; init; }
    public required long Accepted { get; init; }
    public required long Ambiguous { get; init; }
    public required double ElapsedSeconds { get; init; }
    public required long LastAcceptedTimestamp { get; init; }
    public required LatencyStats Latency { get; init; }
    public required SortedDictionary<string, long> Errors { get; init; }

    /// <summary>Accepted votes in each whole second of the run (the last, partial second is left out).</summary>
    public required long[] AcceptedPerSecond { get; init; }

    /// <summary>Mean accepted/s over the last <paramref name="seconds"/> whole seconds: what the service sustains at the end.</summary>
    public double TailRate(int seconds)
    {
        var tail = AcceptedPerSecond.TakeLast(Math.Min(seconds, AcceptedPerSecond.Length)).ToArray();
        return tail.Length == 0 ? 0 : tail.Average();
    }

    public long AcceptedForPoll(int poll)
    {
        long sum = 0;
        for (var o = 0; o < ApiClient.OptionCount; o++) sum += AcceptedPerPollOption[poll * ApiClient.OptionCount + o];
        return sum;
    }
}

internal static class VoteLoad
{
    private static readonly byte[] Part1 = """{"option_ids":["opt_"""u8.ToArray();
    private static readonly byte[] Part2 = "\"],\"_token\":\""u8.ToArray();
    private static readonly byte[] Part3 = "\",\"fingerprint\":\""u8.ToArray();
    private static readonly byte[] Part4 = "\"}"u8.ToArray();

    /// <summary>
    /// Voters vote for <paramref name="seconds"/>, each vote with a fresh fingerprint, on a random target. Without a
    /// rate they vote closed-loop (next vote as soon as the last is answered: the peak). With
    /// <paramref name="votesPerSecond"/> each voter follows a fixed schedule, and latency counts from the scheduled
    /// time, so a slow answer that delays the next vote is charged to that vote (no coordinated omission).
    /// In-flight votes are never cancelled at the deadline, so every vote has a known outcome (except transport errors).
    /// </summary>
    public static async Task<LoadOutcome> RunAsync(HttpClient http, VoteTarget[] targets, int voters, double seconds, string fingerprintPrefix,
        int seed, double? votesPerSecond = null)
    {
        var acceptedPerPollOption = new long[targets.Length * ApiClient.OptionCount];
        var timeline = new long[(int)Math.Ceiling(seconds) + 60]; // room for answers arriving after the deadline
        var recorders = new LatencyRecorder[voters];
        var workers = new Worker[voters];
        for (var i = 0; i < voters; i++)
        {
            recorders[i] = new LatencyRecorder();
            workers[i] = new Worker(http, targets, acceptedPerPollOption, timeline, recorders[i],
                Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{fingerprintPrefix}-w{i}-")), seed + i);
        }

        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(seconds * Stopwatch.Frequency);
        foreach (var w in workers) w.Start = start;
        // Per voter: one vote every interval, voters staggered evenly across it.
        var interval = votesPerSecond is { } rate ? (long)(Stopwatch.Frequency * voters / rate) : 0;
        var tasks = new Task[voters];
        for (var i = 0; i < voters; i++)
        {
            var w = workers[i];
            var first = start + interval * i / voters;
            tasks[i] = Task.Run(() => w.RunAsync(deadline, first, interval));
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var end = Stopwatch.GetTimestamp();

        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        long attempts = 0, accepted = 0, ambiguous = 0, last = 0;
        foreach (var w in workers)
        {
            attempts += w.Attempts;
            accepted += w.Accepted;
            ambiguous += w.Ambiguous;
            last = Math.Max(last, w.LastAcceptedTimestamp);
            foreach (var (k, v) in w.Errors)
                errors[k] = errors.GetValueOrDefault(k) + v;
        }
        return new LoadOutcome
        {
            AcceptedPerPollOption = acceptedPerPollOption,
            Attempts = attempts,
            Accepted = accepted,
            Ambiguous = ambiguous,
            ElapsedSeconds = Stopwatch.GetElapsedTime(start, end).TotalSeconds,
            LastAcceptedTimestamp = last,
            Latency = LatencyRecorder.Merge(recorders),
            Errors = errors,
            AcceptedPerSecond = timeline.Take((int)Math.Floor(seconds)).ToArray(),
        };
    }

    private sealed class Worker(HttpClient http, VoteTarget[] targets, long[] acceptedPerPollOption, long[] timeline, LatencyRecorder recorder,
        byte[] fingerprintPrefix, int seed)
    {
        public long Start { get; set; }

        private readonly byte[] _buffer = new byte[1024];
#pragma warning disable CA5394 // Load shape only, not security.
        private readonly Random _random = new(seed);
#pragma warning restore CA5394

        public long Attempts { get; private set; }
        public long Accepted { get; private set; }
        public long Ambiguous { get; private set; }
        public long LastAcceptedTimestamp { get; private set; }
        public Dictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

        public async Task RunAsync(long deadline, long firstAt, long interval)
        {
            long seq = 0;
            var scheduled = firstAt;
            while ((interval == 0 ? Stopwatch.GetTimestamp() : scheduled) < deadline)
            {
                if (interval > 0)
                {
                    var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), scheduled);
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait).ConfigureAwait(false);
                }
#pragma warning disable CA5394
                var poll = targets.Length == 1 ? 0 : _random.Next(targets.Length);
                var option = _random.Next(ApiClient.OptionCount);
#pragma warning restore CA5394
                var target = targets[poll];
                var length = Build(target, option, seq++);
                using var request = new HttpRequestMessage(HttpMethod.Post, target.VoteUri)
                {
                    Content = new ByteArrayContent(_buffer, 0, length),
                };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                Attempts++;
                var t0 = interval == 0 ? Stopwatch.GetTimestamp() : scheduled;
                scheduled += interval;
                try
                {
                    using var response = await http.SendAsync(request).ConfigureAwait(false);
                    var t1 = Stopwatch.GetTimestamp();
                    recorder.Record(t0, t1);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Accepted++;
                        Interlocked.Increment(ref acceptedPerPollOption[poll * ApiClient.OptionCount + option]);
                        Interlocked.Increment(ref timeline[Math.Min(timeline.Length - 1, (int)((t1 - Start) / Stopwatch.Frequency))]);
                        LastAcceptedTimestamp = t1;
                    }
                    else
                    {
                        Count(await ApiClient.ErrorKindAsync(response).ConfigureAwait(false));
                    }
                }
                catch (HttpRequestException ex)
                {
                    Ambiguous++;
                    Count("transport " + (ex.HttpRequestError.ToString()));
                }
                catch (TaskCanceledException)
                {
                    Ambiguous++;
                    Count("transport timeout");
                }
            }
        }

        private void Count(string kind) => Errors[kind] = Errors.GetValueOrDefault(kind) + 1;

        private int Build(VoteTarget target, int option, long seq)
        {
            var span = _buffer.AsSpan();
            var at = 0;
            Part1.CopyTo(span[at..]); at += Part1.Length;
            span[at++] = (byte)('1' + option);
            Part2.CopyTo(span[at..]); at += Part2.Length;
            target.TokenJson.CopyTo(span[at..]); at += target.TokenJson.Length;
            Part3.CopyTo(span[at..]); at += Part3.Length;
            fingerprintPrefix.CopyTo(span[at..]); at += fingerprintPrefix.Length;
            seq.TryFormat(span[at..], out var written, default, CultureInfo.InvariantCulture); at += written;
            Part4.CopyTo(span[at..]); at += Part4.Length;
            return at;
        }
    }
}
