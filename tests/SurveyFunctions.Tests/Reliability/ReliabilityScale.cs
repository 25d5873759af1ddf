namespace SurveyFunctions.Tests.Reliability;

/// <summary>
/// CI runs the short variants. <c>SURVEYFUNCTIONS_LONG_RELIABILITY=1</c> runs the long ones (more kills, more votes
/// through the faults): minutes instead of seconds, for a soak before a release or after touching the pipeline.
/// </summary>
internal static class ReliabilityScale
{
    public static bool Long { get; } = Environment.GetEnvironmentVariable("SURVEYFUNCTIONS_LONG_RELIABILITY") == "1";

    public static int Pick(int shortRun, int longRun) => Long ? longRun : shortRun;
}
