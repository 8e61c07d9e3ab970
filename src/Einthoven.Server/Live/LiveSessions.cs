using System.Collections.Concurrent;

namespace Einthoven.Server.Live;

/// <summary>
/// The device connections of this process by stream: a device that reconnects while its old connection still looks
/// open replaces it (the old one is stopped and its frames in flight stored), so that two connections never write one stream.
/// </summary>
public sealed class LiveSessions
{
    private readonly ConcurrentDictionary<Guid, Func<Task>> _byStream = new();

    /// <summary>
    /// Makes <paramref name="stop"/> the stream's connection; an older one is stopped first, and this returns only once
    /// its frames in flight are stored, so that the new connection resumes after them.
    /// </summary>
    public async Task<IDisposable> RegisterAsync(Guid stream, Func<Task> stop)
    {
        while (true)
        {
            if (_byStream.TryAdd(stream, stop)) return new Registration(this, stream, stop);
            if (_byStream.TryGetValue(stream, out var old) && _byStream.TryUpdate(stream, stop, old))
            {
                await old();
                return new Registration(this, stream, stop);
            }
        }
    }

    public bool IsConnected(Guid stream) => _byStream.ContainsKey(stream);

    /// <summary>Closes this process's connection of the stream, if it has one (a revoked device).</summary>
    public Task DisconnectAsync(Guid stream) => _byStream.TryRemove(stream, out var close) ? close() : Task.CompletedTask;

    private sealed class Registration(LiveSessions owner, Guid stream, Func<Task> close) : IDisposable
    {
        public void Dispose() => owner._byStream.TryRemove(new KeyValuePair<Guid, Func<Task>>(stream, close));
    }
}
