namespace SharpGrad.Runtime.Tests.Numerics;

public sealed class RandomGeneratorTests
{
    [Fact]
    public void ItIsXoshiro256StarStar_WithTheReferenceOutputs()
    {
        // The reference implementation's first outputs from the state {1, 2, 3, 4}.
        var generator = new RandomGenerator(new RandomGeneratorState(1, 2, 3, 4));

        Assert.Equal(11520UL, generator.NextUInt64());
        Assert.Equal(0UL, generator.NextUInt64());
        Assert.Equal(1509978240UL, generator.NextUInt64());
        Assert.Equal(1215971899390074240UL, generator.NextUInt64());
    }

    [Fact]
    public void ASeedIsExpandedWithSplitMix64()
    {
        // SplitMix64's reference outputs for the seed 0 become the four state words.
        Assert.Equal(
            new RandomGeneratorState(0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4, 0x06C45D188009454F, 0xF88BB8A8724C81EC),
            new RandomGenerator(0).GetState());
        Assert.NotEqual(new RandomGenerator(1).GetState(), new RandomGenerator(-1).GetState());
    }

    [Fact]
    public void RestoringAStateContinuesTheSequence()
    {
        var original = new RandomGenerator(42);
        original.NextDouble();
        original.Next(17);
        RandomGeneratorState snapshot = original.GetState();
        long[] expected = [.. Enumerable.Range(0, 20).Select(_ => original.NextInt64())];

        var restored = new RandomGenerator(7);
        restored.SetState(snapshot);
        var constructed = new RandomGenerator(snapshot);

        Assert.Equal(expected, Enumerable.Range(0, 20).Select(_ => restored.NextInt64()));
        Assert.Equal(expected, Enumerable.Range(0, 20).Select(_ => constructed.NextInt64()));
        Assert.Equal(original.GetState(), restored.GetState());
    }

    [Fact]
    public void TheAllZeroStateIsRefusedAndChangesNothing()
    {
        var generator = new RandomGenerator(3);
        RandomGeneratorState before = generator.GetState();

        var error = Assert.Throws<ArgumentException>(() => generator.SetState(default));

        Assert.Contains("all zeros", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, generator.GetState());
        Assert.Throws<ArgumentException>(() => new RandomGenerator(new RandomGeneratorState(0, 0, 0, 0)));
    }

    [Fact]
    public void BoundedValuesStayInTheirRanges()
    {
        var generator = new RandomGenerator(5);
        for (int i = 0; i < 2000; i++)
        {
            Assert.InRange(generator.Next(), 0, int.MaxValue - 1);
            Assert.InRange(generator.Next(7), 0, 6);
            Assert.InRange(generator.Next(-3, 4), -3, 3);
            Assert.InRange(generator.Next(int.MinValue, int.MaxValue), int.MinValue, int.MaxValue - 1);
            Assert.InRange(generator.NextInt64(long.MinValue, long.MaxValue), long.MinValue, long.MaxValue - 1);
            Assert.InRange(generator.NextInt64(1L << 40), 0, (1L << 40) - 1);
            Assert.InRange(generator.NextDouble(), 0.0, Math.BitDecrement(1.0));
            Assert.InRange(generator.NextSingle(), 0f, MathF.BitDecrement(1f));
        }

        Assert.Equal(0, generator.Next(0));
        Assert.Equal(0, generator.Next(1));
        Assert.Equal(5, generator.Next(5, 5));
        Assert.Equal(0, generator.NextInt64(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Next(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Next(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.NextInt64(-1));
    }

    [Fact]
    public void SmallBoundsAreUniform()
    {
        // 60000 draws of Next(6): each count is within 3% of 10000 (about 7 standard deviations).
        var generator = new RandomGenerator(11);
        var counts = new int[6];
        for (int i = 0; i < 60_000; i++)
        {
            counts[generator.Next(6)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, 9700, 10300));
    }

    [Fact]
    public void BytesAreTheLittleEndianWordsOfTheSequence()
    {
        var words = new RandomGenerator(9);
        byte[] expected = [.. BitConverter.GetBytes(words.NextUInt64()), .. BitConverter.GetBytes(words.NextUInt64())[..3]];

        var bytes = new byte[11];
        new RandomGenerator(9).NextBytes(bytes);

        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void ItWorksWhereverARandomIsTaken()
    {
        Parameter<double> first = Init.Normal(new Parameter<double>("w", 4, 3), new RandomGenerator(1));
        Parameter<double> second = Init.Normal(new Parameter<double>("w", 4, 3), new RandomGenerator(1));

        Assert.Equal(first.Data.ToArray(), second.Data.ToArray());
        Assert.All(first.Data.ToArray(), value => Assert.True(double.IsFinite(value) && value != 0));
    }
}
