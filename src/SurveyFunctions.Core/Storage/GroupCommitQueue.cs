namespace SurveyFunctions.Core.Storage;

/// <summary>
/// Group commit for one storage partition: one commit runs at a time, and everything that arrives meanwhile waits and
/// goes into the next one, so concurrent callers share entity group transactions instead of racing each other for the
/// same rows. Used by the vote committer and the survey completion committer.
/// </summary>
/// <param name="fitting">How many of the waiting items (in arrival order) fit one commit; at least one.</param>
/// <param name="commit">Commits a batch and settles each of its items.</param>
/// <param name="fail">Settles every item of a batch whose commit threw.</param>
internal sealed class GroupCommitQueue<T>(Func<IReadOnlyList<T>, int> fitting, Func<List<T>, Task> commit, Action<List<T>, Exception> fail)
{
    private readonly object _gate = new();
    private readonly List<T> _waiting = [];
    private bool _running;

    public void Enqueue(T item)
    {
        lock (_gate)
        {
            _waiting.Add(item);
            if (_running)
                return;
            _running = true;
        }
        _ = Task.Run(RunAsync);
    }

    private async Task RunAsync()
    {
        while (true)
        {
            List<T> batch;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _running = false;
                    return;
                }
                var take = Math.Clamp(fitting(_waiting), 1, _waiting.Count);
                batch = _waiting.GetRange(0, take);
                _waiting.RemoveRange(0, take);
            }
            try
            {
                await commit(batch).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                fail(batch, ex);
            }
        }
    }
}
