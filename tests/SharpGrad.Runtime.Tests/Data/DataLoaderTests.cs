using SharpGrad.Data;

namespace SharpGrad.Runtime.Tests.Data;

public class DataLoaderTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_sample_comes_exactly_once_per_epoch(bool shuffle)
    {
        var loader = new DataLoader<double>(TestDatasets.Indexed<double>(103), batchSize: 10, shuffle: shuffle, seed: 5);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            List<int> order = TestDatasets.EpochOrder(loader);
            Assert.Equal(Enumerable.Range(0, 103), order.Order());
        }
    }

    [Fact]
    public void Unshuffled_epochs_keep_dataset_order()
    {
        var loader = new DataLoader<double>(TestDatasets.Indexed<double>(25), batchSize: 4);

        Assert.Equal(Enumerable.Range(0, 25), TestDatasets.EpochOrder(loader));
        Assert.Equal(Enumerable.Range(0, 25), TestDatasets.EpochOrder(loader));
    }

    [Fact]
    public void The_same_seed_gives_the_same_sequence_of_orders()
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(50);
        var first = new DataLoader<double>(dataset, batchSize: 8, shuffle: true, seed: 42);
        var second = new DataLoader<double>(dataset, batchSize: 8, shuffle: true, seed: 42);

        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.Equal(TestDatasets.EpochOrder(first), TestDatasets.EpochOrder(second));
        }
    }

    [Fact]
    public void Different_seeds_and_successive_epochs_give_different_orders()
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(50);
        var loader = new DataLoader<double>(dataset, batchSize: 8, shuffle: true, seed: 1);
        var other = new DataLoader<double>(dataset, batchSize: 8, shuffle: true, seed: 2);

        List<int> epoch1 = TestDatasets.EpochOrder(loader);
        List<int> epoch2 = TestDatasets.EpochOrder(loader);

        Assert.NotEqual(epoch1, epoch2);
        Assert.NotEqual(epoch1, TestDatasets.EpochOrder(other));
        Assert.NotEqual(Enumerable.Range(0, 50), epoch1);
    }

    [Fact]
    public void The_order_is_the_documented_Fisher_Yates_over_RandomGenerator()
    {
        // Pins the generator the docs promise, so a change of algorithm cannot slip in unnoticed.
        const int Count = 30;
        const int Seed = 7;
        var random = new RandomGenerator(Seed);
        var expectedEpochs = new List<int[]>();
        for (int epoch = 0; epoch < 2; epoch++)
        {
            int[] order = Enumerable.Range(0, Count).ToArray();
            for (int i = Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }

            expectedEpochs.Add(order);
        }

        var loader = new DataLoader<double>(TestDatasets.Indexed<double>(Count), batchSize: 4, shuffle: true, seed: Seed);

        Assert.Equal(expectedEpochs[0], TestDatasets.EpochOrder(loader));
        Assert.Equal(expectedEpochs[1], TestDatasets.EpochOrder(loader));

        // The first order of 10 samples with seed 7, from an independent implementation of xoshiro256**,
        // SplitMix64 seeding and Lemire's bounded draw.
        var small = new DataLoader<double>(TestDatasets.Indexed<double>(10), batchSize: 3, shuffle: true, seed: Seed);
        Assert.Equal([1, 8, 3, 0, 4, 5, 9, 6, 2, 7], TestDatasets.EpochOrder(small));
    }

    [Fact]
    public void A_restored_generator_continues_the_sequence_of_orders()
    {
        var dataset = TestDatasets.Indexed<double>(40);
        var uninterrupted = new DataLoader<double>(dataset, batchSize: 8, shuffle: true, seed: 3);
        var interrupted = new DataLoader<double>(dataset, batchSize: 8, shuffle: true, seed: 3);
        TestDatasets.EpochOrder(uninterrupted);
        TestDatasets.EpochOrder(interrupted);
        TestDatasets.EpochOrder(uninterrupted);
        TestDatasets.EpochOrder(interrupted);

        // A new loader (a new process) with another seed, moved to where the interrupted one stopped.
        var resumed = new DataLoader<double>(dataset, batchSize: 8, shuffle: true, seed: 99);
        resumed.Generator!.SetState(interrupted.Generator!.GetState());

        for (int epoch = 0; epoch < 3; epoch++)
        {
            Assert.Equal(TestDatasets.EpochOrder(uninterrupted), TestDatasets.EpochOrder(resumed));
        }

        Assert.Null(new DataLoader<double>(dataset, batchSize: 8).Generator);
    }

    [Theory]
    [InlineData(10, 3, false, 4, 1)]
    [InlineData(10, 3, true, 3, 3)]
    [InlineData(9, 3, false, 3, 3)]
    [InlineData(9, 3, true, 3, 3)]
    [InlineData(2, 5, false, 1, 2)]
    [InlineData(2, 5, true, 0, 0)]
    [InlineData(0, 5, false, 0, 0)]
    public void DropLast_decides_whether_a_short_last_batch_is_yielded(int count, int batchSize, bool dropLast, int expectedBatches, int expectedLastCount)
    {
        foreach (bool shuffle in new[] { false, true })
        {
            var loader = new DataLoader<double>(TestDatasets.Indexed<double>(count), batchSize, shuffle, seed: 3, dropLast);
            var sizes = new List<int>();
            foreach (Batch<double> batch in loader)
            {
                sizes.Add(batch.Count);
                Assert.Equal(batch.Count * 3, batch.Features.Length);
                Assert.Equal(batch.Count, batch.Targets.Length);
            }

            Assert.Equal(expectedBatches, loader.BatchCount);
            Assert.Equal(expectedBatches, sizes.Count);
            if (expectedBatches > 0)
            {
                Assert.Equal(expectedLastCount, sizes[^1]);
                Assert.All(sizes[..^1], size => Assert.Equal(batchSize, size));
            }
        }
    }

    [Fact]
    public void Unshuffled_batches_are_zero_copy_slices_of_the_dataset()
    {
        ArrayDataset<float> dataset = TestDatasets.Indexed<float>(20, featureCount: 4);
        var loader = new DataLoader<float>(dataset, batchSize: 6);

        int start = 0;
        foreach (Batch<float> batch in loader)
        {
            Assert.True(dataset.Features.Overlaps(batch.Features, out int offset));
            Assert.Equal(start * 4, offset);
            Assert.True(batch.Targets.Overlaps(dataset.Targets));
            start += batch.Count;
        }
    }

    [Fact]
    public void Shuffled_batches_are_copies_in_a_reused_buffer()
    {
        ArrayDataset<float> dataset = TestDatasets.Indexed<float>(20, featureCount: 4);
        var loader = new DataLoader<float>(dataset, batchSize: 6, shuffle: true, seed: 1);

        ReadOnlySpan<float> firstBatch = default;
        foreach (Batch<float> batch in loader)
        {
            Assert.False(batch.Features.Overlaps(dataset.Features));
            Assert.False(batch.Targets.Overlaps(dataset.Targets));
            if (firstBatch.IsEmpty)
            {
                firstBatch = batch.Features;
            }
            else
            {
                // Every batch starts at the start of the same buffer.
                Assert.True(batch.Features.Overlaps(firstBatch, out int offset));
                Assert.Equal(0, offset);
            }
        }
    }

    [Fact]
    public void Starting_a_new_epoch_invalidates_the_older_enumerator()
    {
        var loader = new DataLoader<double>(TestDatasets.Indexed<double>(10), batchSize: 2, shuffle: true, seed: 1);
        DataLoader<double>.Enumerator older = loader.GetEnumerator();
        Assert.True(older.MoveNext());

        _ = loader.GetEnumerator();

        bool threw = false;
        try
        {
            older.MoveNext();
        }
        catch (InvalidOperationException)
        {
            threw = true;
        }

        Assert.True(threw);
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(4);

        Assert.Throws<ArgumentOutOfRangeException>(() => new DataLoader<double>(dataset, batchSize: 0));
        Assert.Throws<ArgumentNullException>(() => new DataLoader<double>(null!, batchSize: 1));
    }

    [Fact]
    public void The_loader_reports_its_settings()
    {
        ArrayDataset<double> dataset = TestDatasets.Indexed<double>(4);
        var loader = new DataLoader<double>(dataset, batchSize: 3, shuffle: true, dropLast: true);

        Assert.Same(dataset, loader.Dataset);
        Assert.Equal(3, loader.BatchSize);
        Assert.True(loader.Shuffle);
        Assert.True(loader.DropLast);
        Assert.Equal(1, loader.BatchCount);
    }
}
