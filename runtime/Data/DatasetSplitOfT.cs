using System.Numerics;

namespace SharpGrad.Data;

/// <summary>The three parts of a split made by <see cref="DatasetSplit"/>; deconstructs as <c>var (train, validation, test) = ...</c>.</summary>
public sealed class DatasetSplit<T> where T : unmanaged, INumberBase<T>
{
    internal DatasetSplit(ArrayDataset<T> train, ArrayDataset<T> validation, ArrayDataset<T> test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>Samples to fit on: model weights and preprocessing statistics.</summary>
    public ArrayDataset<T> Train { get; }

    /// <summary>Samples for choosing hyperparameters and early stopping.</summary>
    public ArrayDataset<T> Validation { get; }

    /// <summary>Samples held out for the final estimate.</summary>
    public ArrayDataset<T> Test { get; }

    /// <summary>Deconstructs into the three datasets.</summary>
    public void Deconstruct(out ArrayDataset<T> train, out ArrayDataset<T> validation, out ArrayDataset<T> test)
    {
        train = Train;
        validation = Validation;
        test = Test;
    }
}
