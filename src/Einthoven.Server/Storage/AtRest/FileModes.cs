using System.Runtime.InteropServices;

namespace Einthoven.Server.Storage.AtRest;

/// <summary>Health data on disk is the server account's alone: folders 0700, files 0600.</summary>
public static class FileModes
{
    /// <summary>Every file and folder the process creates from now on is private to its user (umask 077).</summary>
    public static void CreatePrivately()
    {
        if (!OperatingSystem.IsWindows()) _ = umask(0b000_111_111);
    }

    public static void PrivateFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public static void Private(string file)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(file)) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [DllImport("libc")]
    private static extern uint umask(uint mask);
}
