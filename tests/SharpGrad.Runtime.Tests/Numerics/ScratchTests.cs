using SharpGrad.Numerics;

namespace SharpGrad.Runtime.Tests.Numerics;

public sealed class ScratchTests
{
    [Fact]
    public void Rent_IsZeroed_AndNestedRentsAreDisjoint_UntilReleased()
    {
        int mark = Scratch<double>.Mark;
        Span<double> outer = Scratch<double>.Rent(3);
        outer.Fill(7);
        int inner = Scratch<double>.Mark;
        Span<double> nested = Scratch<double>.Rent(2);
        Assert.Equal([0.0, 0.0], nested.ToArray());
        Assert.False(nested.Overlaps(outer));
        nested.Fill(9);
        Scratch<double>.Release(inner);

        Span<double> again = Scratch<double>.Rent(2);
        Assert.Equal([0.0, 0.0], again.ToArray()); // released memory comes back cleared
        Assert.Equal([7.0, 7.0, 7.0], outer.ToArray());
        Scratch<double>.Release(mark);
        Assert.Equal(mark, Scratch<double>.Mark);
    }

    [Fact]
    public void Growing_KeepsWhatWasRentedBefore()
    {
        int mark = Scratch<float>.Mark;
        Span<float> small = Scratch<float>.Rent(4);
        small.Fill(3);
        Span<float> large = Scratch<float>.Rent(1_000_000);
        Assert.Equal(1_000_000, large.Length);
        Assert.Equal([3f, 3f, 3f, 3f], small.ToArray());
        Scratch<float>.Release(mark);
    }

    [Fact]
    public void NegativeLength_ThrowsAsNewArrayWould()
        => Assert.Throws<OverflowException>(() => Scratch<int>.Rent(-1));
}
