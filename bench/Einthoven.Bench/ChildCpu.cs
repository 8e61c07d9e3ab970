using System.Runtime.InteropServices;

namespace Einthoven.Bench;

/// <summary>
/// CPU time (user + system) of this process's finished child processes, from getrusage(RUSAGE_CHILDREN): the
/// difference over a stretch of runs is what those runs' processes used, start-up and exit included.
/// </summary>
internal static partial class ChildCpu
{
    private const int RusageChildren = -1;

    public static TimeSpan Total
    {
        get
        {
            if (GetRusage(RusageChildren, out var usage) != 0) throw new InvalidOperationException($"getrusage failed: errno {Marshal.GetLastPInvokeError()}");
            return usage.User.ToTimeSpan() + usage.System.ToTimeSpan();
        }
    }

    [LibraryImport("libc", EntryPoint = "getrusage", SetLastError = true)]
    private static partial int GetRusage(int who, out Rusage usage);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeVal
    {
        public long Seconds;
        public long Microseconds;
        public readonly TimeSpan ToTimeSpan() => TimeSpan.FromSeconds(Seconds) + TimeSpan.FromMicroseconds(Microseconds);
    }

    // struct rusage on 64-bit Linux: two timevals, then fourteen longs.
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct Rusage
    {
        public TimeVal User;
        public TimeVal System;
        public fixed long Rest[14];
    }
}
