using CsCheck;
using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class DataLoaderPropertyTests
{
    [Fact]
    public void Shuffled_rows_arrive_intact_for_any_row_width()
    {
        // Row copies take different paths by width (vector moves, block copy); every row must arrive whole.
        Gen.Select(Gen.Int[1, 150], Gen.Int[1, 40], Gen.Int[1, 9])
            .Sample((featureCount, targetCount, batchSize) =>
            {
                var loader = new DataLoader<double>(TestDatasets.Indexed<double>(23, featureCount, targetCount), batchSize, shuffle: true, seed: featureCount);
                Assert.Equal(Enumerable.Range(0, 23), TestDatasets.EpochOrder(loader).Order());

                var floats = new DataLoader<float>(TestDatasets.Indexed<float>(23, featureCount, targetCount), batchSize, shuffle: true, seed: targetCount);
                Assert.Equal(Enumerable.Range(0, 23), TestDatasets.EpochOrder(floats).Order());
            });
    }

    [Fact]
    public void Every_sample_comes_exactly_once_for_any_size_batch_size_and_settings()
    {
        Gen.Select(Gen.Int[0, 300], Gen.Int[1, 70], Gen.Bool, Gen.Bool, Gen.Int)
            .Sample((count, batchSize, shuffle, dropLast, seed) =>
            {
                var loader = new DataLoader<double>(TestDatasets.Indexed<double>(count, featureCount: 2), batchSize, shuffle, seed, dropLast);
                int expectedBatches = dropLast ? count / batchSize : (count + batchSize - 1) / batchSize;
                Assert.Equal(expectedBatches, loader.BatchCount);

                for (int epoch = 0; epoch < 2; epoch++)
                {
                    List<int> order = TestDatasets.EpochOrder(loader);
                    if (dropLast)
                    {
                        // Only the short tail is dropped, and nothing repeats.
                        Assert.Equal(expectedBatches * batchSize, order.Count);
                        Assert.Equal(order.Count, order.Distinct().Count());
                        Assert.All(order, sample => Assert.InRange(sample, 0, count - 1));
                    }
                    else
                    {
                        Assert.Equal(Enumerable.Range(0, count), order.Order());
                    }
                }
            });
    }
}
