using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace SharpGrad.Generator.Helpers;

/// <summary>
/// Compares by reference. IR records compare by value, so two equal statements at different places in a
/// method are told apart by reference where a pass needs to know which one it holds.
/// </summary>
internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly ReferenceComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
