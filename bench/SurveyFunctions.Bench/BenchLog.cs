using System.Globalization;

namespace SurveyFunctions.Bench;

/// <summary>Progress lines on stderr, so stdout carries only the report.</summary>
internal static class BenchLog
{
    public static void Write(string message) =>
        Console.Error.WriteLine("[bench " + DateTime.UtcNow.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "] " + message);
}
