using System.Numerics;

namespace SharpGrad.Numerics;

/// <summary>
/// A SIMD vector of <typeparamref name="T"/> of one width, as static operations, so that a kernel is written once
/// and the JIT compiles it for each width (<see cref="Lanes512{T}"/>, <see cref="Lanes256{T}"/>,
/// <see cref="Lanes128{T}"/>): each is a struct around one hardware vector, so the abstraction costs nothing.
/// </summary>
/// <typeparam name="TSelf">The implementing struct.</typeparam>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
internal interface ILanes<TSelf, T>
    where TSelf : struct, ILanes<TSelf, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The number of lanes.</summary>
    static abstract int Count { get; }

    /// <summary>Loads <see cref="Count"/> values from <paramref name="source"/> + <paramref name="offset"/>.</summary>
    static abstract TSelf Load(ref T source, nuint offset);

    /// <summary>Stores the lanes at <paramref name="destination"/> + <paramref name="offset"/>.</summary>
    static abstract void Store(TSelf value, ref T destination, nuint offset);

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Broadcast(T value);

    /// <summary><c>a · b + c</c> per lane, with one rounding.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>The sum of the lanes.</summary>
    static abstract T Sum(TSelf value);

    /// <summary><c>a + b</c> per lane.</summary>
    static abstract TSelf Add(TSelf a, TSelf b);

    /// <summary><c>a · b</c> per lane.</summary>
    static abstract TSelf Multiply(TSelf a, TSelf b);

    /// <summary><c>a - b</c> per lane.</summary>
    static abstract TSelf Subtract(TSelf a, TSelf b);

    /// <summary><c>a / b</c> per lane, correctly rounded.</summary>
    static abstract TSelf Divide(TSelf a, TSelf b);

    /// <summary>The square root of each lane, correctly rounded.</summary>
    static abstract TSelf Sqrt(TSelf value);

    /// <summary>The larger of <paramref name="a"/> and <paramref name="b"/> per lane, NaN when either is (IEEE 754-2019 maximum).</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>Every bit set in lanes <paramref name="first"/> and on, clear below: a mask for <see cref="Select"/>.</summary>
    static abstract TSelf LanesFrom(int first);

    /// <summary>Per lane, <paramref name="a"/> where <paramref name="mask"/> is set, else <paramref name="b"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf a, TSelf b);
}
