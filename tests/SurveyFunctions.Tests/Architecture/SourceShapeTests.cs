namespace SurveyFunctions.Tests.Architecture;

/// <summary>
/// Every source file under <c>src/</c> stays readable on one screen and without sideways scrolling: at most
/// <see cref="MaxLines"/> lines, none longer than <see cref="MaxLineLength"/> characters (the .editorconfig
/// <c>max_line_length</c>). Build output (<c>obj/</c>, <c>bin/</c>) is not source and is skipped.
/// </summary>
public sealed class SourceShapeTests
{
    private const int MaxLines = 250;
    private const int MaxLineLength = 150;

    [Fact]
    public void Source_files_are_at_most_250_lines_and_no_line_is_longer_than_150_characters()
    {
        var root = AzuriteInstance.FindRepoRoot();
        var offenders = new List<string>();
        foreach (var file in SourceFiles(Path.Combine(root, "src")))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var lines = File.ReadAllLines(file);
            if (lines.Length > MaxLines)
            {
                offenders.Add($"{relative}: {lines.Length} lines (at most {MaxLines})");
            }
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length > MaxLineLength)
                {
                    offenders.Add($"{relative}:{i + 1}: {lines[i].Length} characters (at most {MaxLineLength})");
                }
            }
        }

        Assert.True(offenders.Count == 0,
            $"Split these files or wrap these lines:{Environment.NewLine}{string.Join(Environment.NewLine, offenders)}");
    }

    private static IEnumerable<string> SourceFiles(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.cs"))
        {
            yield return file;
        }
        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(sub);
            if (name is "obj" or "bin")
            {
                continue;
            }
            foreach (var file in SourceFiles(sub))
            {
                yield return file;
            }
        }
    }
}
