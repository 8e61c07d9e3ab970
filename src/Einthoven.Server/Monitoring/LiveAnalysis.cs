using System.Text.Json;
using System.Threading.Channels;
using Einthoven.Monitoring;
using Einthoven.Server.Live;
using Einthoven.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Einthoven.Server.Monitoring;

/// <summary>
/// Analyses live streams as their frames are stored: one <see cref="PatientMonitor"/> per stream of a patient enrolled
/// with an organisation, on a few worker threads (a stream always on the same one, so its frames stay in order).
/// Alerts go to the <see cref="AlertRecorder"/>; samples to the dashboards watching the patient.
/// </summary>
public sealed class LiveAnalysis : BackgroundService, ILiveFeedSubscriber
{
    private readonly IServiceScopeFactory _scopes;
    private readonly AlertRecorder _recorder;
    private readonly ILiveBroadcast _broadcast;
    private readonly MonitorModels _models;
    private readonly ILogger<LiveAnalysis> _log;
    private readonly Channel<Work>[] _workers;

    private sealed record Work(StoredFrame? Frame, Guid Stream, TaskCompletionSource? Done = null);

    public LiveAnalysis(IServiceScopeFactory scopes, AlertRecorder recorder, ILiveBroadcast broadcast, MonitorModels models, ILogger<LiveAnalysis> log)
    {
        (_scopes, _recorder, _broadcast, _models, _log) = (scopes, recorder, broadcast, models, log);
        _workers = Enumerable.Range(0, Math.Max(1, Environment.ProcessorCount)).Select(_ => Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true })).ToArray();
    }

    public void OnFrames(IReadOnlyList<StoredFrame> frames)
    {
        foreach (var frame in frames) Worker(frame.StreamId).TryWrite(new Work(frame, frame.StreamId));
    }

    public void OnEnded(Guid streamId) => Worker(streamId).TryWrite(new Work(null, streamId));

    /// <summary>Analyses a frame from the broker; completes when it is analysed and its alerts stored.</summary>
    public Task ProcessAsync(StoredFrame frame) => Submit(new Work(frame, frame.StreamId, Done()));

    public Task EndAsync(Guid streamId) => Submit(new Work(null, streamId, Done()));

    private static TaskCompletionSource Done() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task Submit(Work work)
    {
        Worker(work.Stream).TryWrite(work);
        return work.Done!.Task;
    }

    private ChannelWriter<Work> Worker(Guid stream) => _workers[(stream.GetHashCode() & int.MaxValue) % _workers.Length].Writer;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_workers.Select(w => Task.Run(() => RunAsync(w.Reader, stoppingToken), stoppingToken)));

    private async Task RunAsync(ChannelReader<Work> queue, CancellationToken ct)
    {
        var streams = new Dictionary<Guid, StreamAnalysis?>();
        await foreach (var work in queue.ReadAllAsync(ct))
        {
            try
            {
                await AnalyseAsync(streams, work, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                _log.LogWarning("live analysis of stream {Stream} failed: {Error}", work.Stream, e.Message);
            }
            finally { work.Done?.TrySetResult(); }
        }
    }

    private async Task AnalyseAsync(Dictionary<Guid, StreamAnalysis?> streams, Work work, CancellationToken ct)
    {
        if (work.Frame is null)
        {
            if (streams.Remove(work.Stream, out var ended) && ended is not null) await _recorder.RecordAsync(work.Stream, ended, ended.Flush().Alerts, ct);
            return;
        }
        if (!streams.TryGetValue(work.Stream, out var analysis)) streams[work.Stream] = analysis = await StartAsync(work.Frame, ct);
        if (analysis is null || work.Frame.FirstSample < analysis.NextSample) return; // not monitored, or analysed already
        if (work.Frame.FirstSample > analysis.NextSample) await FillGapAsync(analysis, work.Frame, ct);
        var update = analysis.Push(work.Frame);
        _broadcast.Samples(new LiveSamplesView(analysis.PatientId, work.Stream, work.Frame.FirstSample, analysis.SamplingFrequency, work.Frame.Samples));
        if (update.Alerts.Count > 0) await _recorder.RecordAsync(work.Stream, analysis, update.Alerts, ct);
    }

    /// <summary>Frames stored but never delivered here (their publication was lost): read back from storage, in order.</summary>
    private async Task FillGapAsync(StreamAnalysis analysis, StoredFrame next, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var missing = await db.LiveFrames.AsNoTracking().Where(f => f.StreamId == next.StreamId && f.FirstSample >= analysis.NextSample && f.FirstSample < next.FirstSample)
            .OrderBy(f => f.Sequence).ToListAsync(ct);
        var alerts = new List<MonitorAlert>();
        foreach (var f in missing.TakeWhile(f => f.FirstSample == analysis.NextSample).ToList())
            alerts.AddRange(analysis.Push(new StoredFrame(f.StreamId, next.PatientId, f.Sequence, f.FirstSample, f.DeviceTime, next.ReceivedAt, StoredFrame.Decode(f.Data, next.Samples.Length))).Alerts);
        if (alerts.Count > 0) await _recorder.RecordAsync(next.StreamId, analysis, alerts, ct);
    }

    /// <summary>The analysis of a stream seen for the first time, or null when its patient is not monitored by anyone.</summary>
    private async Task<StreamAnalysis?> StartAsync(StoredFrame first, CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var enrolment = await db.Enrolments.AsNoTracking().FirstOrDefaultAsync(e => e.PatientId == first.PatientId && e.EndedAt == null, ct);
        if (enrolment is null) return null;
        var stream = await db.LiveStreams.AsNoTracking().SingleAsync(s => s.Id == first.StreamId, ct);
        var leads = JsonSerializer.Deserialize<DeviceLead[]>(stream.LeadsJson, IngestJson.Options)!;
        var settings = EnrolmentSettings.Read(enrolment.SettingsJson);
        var monitor = new PatientMonitor(new MonitoredStream(stream.SamplingFrequency, leads.Select(l => l.Name).ToArray(), leads.Select(l => l.Gain).ToArray()), settings, _models);
        var earlier = first.FirstSample == 0 ? [] : await EarlierFramesAsync(db, first, stream.SamplingFrequency, ct);
        var analysis = new StreamAnalysis(monitor, first.PatientId, enrolment.OrganisationId, stream.SamplingFrequency, leads.Length,
            earlier.FirstOrDefault()?.FirstSample ?? first.FirstSample);
        if (earlier.Count > 0) await CatchUpAsync(analysis, earlier, first, ct);
        return analysis;
    }

    private static Task<List<LiveFrame>> EarlierFramesAsync(AppDb db, StoredFrame first, double fs, CancellationToken ct)
    {
        var from = first.FirstSample - (long)(60 * fs);
        return db.LiveFrames.AsNoTracking().Where(f => f.StreamId == first.StreamId && f.FirstSample >= from && f.FirstSample < first.FirstSample)
            .OrderBy(f => f.Sequence).ToListAsync(ct);
    }

    /// <summary>
    /// A stream that another process (or this one before a restart) was analysing: its last minute is analysed again
    /// from storage, so that rhythm windows are whole; alerts raised again are recorded once (<see cref="AlertRecorder"/>).
    /// </summary>
    private async Task CatchUpAsync(StreamAnalysis analysis, IReadOnlyList<LiveFrame> earlier, StoredFrame first, CancellationToken ct)
    {
        var alerts = new List<MonitorAlert>();
        foreach (var f in earlier)
            alerts.AddRange(analysis.Push(new StoredFrame(f.StreamId, first.PatientId, f.Sequence, f.FirstSample, f.DeviceTime, first.ReceivedAt,
                StoredFrame.Decode(f.Data, first.Samples.Length))).Alerts);
        if (alerts.Count > 0) await _recorder.RecordAsync(first.StreamId, analysis, alerts, ct);
    }
}
