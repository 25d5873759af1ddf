using System.Diagnostics.CodeAnalysis;

namespace SurveyFunctions.Core.Outcomes;

/// <summary>Either a value or an <see cref="ApiError"/>: services return these instead of throwing for expected failures.</summary>
public readonly struct Outcome<T>
{
    private readonly T? _value;

    private Outcome(T? value, ApiError? error)
    {
        _value = value;
        Error = error;
    }

    public ApiError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"Outcome is an error: {Error.Code}");

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(ApiError error) => new(default, error);

    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out ApiError? error)
    {
        value = _value;
        error = Error;
        return Error is null && value is not null;
    }
}
