using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class DataLoaderAllocationTests
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void An_epoch_allocates_nothing_after_warm_up(bool shuffle, bool augment)
    {
        // 1000 batches: even a few bytes per batch would show.
        ArrayDataset<float> dataset = TestDatasets.Indexed<float>(8_000, featureCount: 5, targetCount: 2);
        var loader = new DataLoader<float>(dataset, batchSize: 8, shuffle, seed: 3, transform: augment ? new GaussianNoise<float>(0.1, seed: 4) : null);
        for (int warmUp = 0; warmUp < 3; warmUp++)
        {
            Consume(loader);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        float checksum = Consume(loader);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(checksum));
    }

    private static float Consume(DataLoader<float> loader)
    {
        float sum = 0;
        foreach (Batch<float> batch in loader)
        {
            sum += batch.Features[0] + batch.Targets[^1];
        }

        return sum;
    }
}
