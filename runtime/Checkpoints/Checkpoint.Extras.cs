using SharpGrad.Optimizers;
using SharpGrad.Schedules;

namespace SharpGrad.Checkpoints;

// The sections format version 2 added after the optimizer state: scheduler, epoch, step, generators, metadata.
public static partial class Checkpoint
{
    // Everything is taken from the options before the file is opened: the file holds one consistent snapshot,
    // and a bad option writes nothing.
    private static CheckpointExtras ExtrasToSave(CheckpointSaveOptions? options, IOptimizer? optimizer)
    {
        if (options is null)
        {
            return CheckpointExtras.None;
        }

        if (options.Epoch is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Epoch, $"{nameof(CheckpointSaveOptions)}.{nameof(CheckpointSaveOptions.Epoch)} is {options.Epoch}; an epoch is at least 0.");
        }

        if (options.Step is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Step, $"{nameof(CheckpointSaveOptions)}.{nameof(CheckpointSaveOptions.Step)} is {options.Step}; a step count is at least 0.");
        }

        SavedScheduler? scheduler = null;
        if (options.Scheduler is { } given)
        {
            RequireSchedulerOf(given, optimizer, nameof(options));
            scheduler = new SavedScheduler(given.GetType().Name, new Dictionary<string, double>(given.GetState(), StringComparer.Ordinal));
        }

        var generators = new Dictionary<string, RandomGeneratorState>(StringComparer.Ordinal);
        foreach ((string name, RandomGenerator generator) in options.Generators)
        {
            RequireName(name, "random generator", nameof(options));
            if (generator is null)
            {
                throw new ArgumentException($"The random generator '{name}' is null.", nameof(options));
            }

            generators.Add(name, generator.GetState());
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, string value) in options.Metadata)
        {
            RequireName(key, "metadata key", nameof(options));
            metadata.Add(key, value ?? throw new ArgumentException($"The metadata value of '{key}' is null; store an empty string instead.", nameof(options)));
        }

        return new CheckpointExtras(scheduler, options.Epoch, options.Step, generators, metadata);
    }

    // A scheduler's learning rates live in its optimizer's state, so the two are saved and restored together.
    private static void RequireSchedulerOf(ILearningRateScheduler scheduler, IOptimizer? optimizer, string parameterName)
    {
        string name = scheduler.GetType().Name;
        if (optimizer is null)
        {
            throw new ArgumentException($"The scheduler {name} was given without an optimizer. The learning rates it sets are part of the optimizer's state, so pass its optimizer too.", parameterName);
        }

        if (!ReferenceEquals(scheduler.Optimizer, optimizer))
        {
            throw new ArgumentException($"The scheduler {name} sets the learning rates of another optimizer than the {optimizer.Name} given; pass the optimizer the scheduler was created with.", parameterName);
        }
    }

    private static void RequireName(string name, string what, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException($"A {what} is empty or white space; give it a name.", parameterName);
        }
    }

    private static void WriteExtras(CheckpointWriter writer, CheckpointExtras extras)
    {
        if (extras.Scheduler is { } scheduler)
        {
            writer.WriteByte(CheckpointFormat.Present);
            writer.WriteString(scheduler.Name);
            WriteScalars(writer, scheduler.State);
        }
        else
        {
            writer.WriteByte(CheckpointFormat.Absent);
        }

        writer.WriteByte(extras.Epoch is null ? CheckpointFormat.Absent : CheckpointFormat.Present);
        if (extras.Epoch is { } epoch)
        {
            writer.WriteInt32(epoch);
        }

        writer.WriteByte(extras.Step is null ? CheckpointFormat.Absent : CheckpointFormat.Present);
        if (extras.Step is { } step)
        {
            writer.WriteInt64(step);
        }

        writer.WriteInt32(extras.Generators.Count);
        foreach (string name in extras.Generators.Keys.Order(StringComparer.Ordinal))
        {
            RandomGeneratorState state = extras.Generators[name];
            writer.WriteString(name);
            writer.WriteString(RandomGenerator.Algorithm);
            writer.WriteInt32(CheckpointFormat.GeneratorWords);
            writer.WriteUInt64(state.S0);
            writer.WriteUInt64(state.S1);
            writer.WriteUInt64(state.S2);
            writer.WriteUInt64(state.S3);
        }

        writer.WriteInt32(extras.Metadata.Count);
        foreach (string key in extras.Metadata.Keys.Order(StringComparer.Ordinal))
        {
            writer.WriteString(key);
            writer.WriteString(extras.Metadata[key]);
        }
    }

    private static CheckpointExtras ReadExtras(CheckpointReader reader)
    {
        SavedScheduler? scheduler = null;
        if (reader.ReadPresence("the scheduler state"))
        {
            string name = reader.ReadString("the scheduler name");
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new InvalidDataException("the scheduler name is empty.");
            }

            scheduler = new SavedScheduler(name, ReadScalars(reader, "scheduler"));
        }

        int? epoch = reader.ReadPresence("the epoch") ? reader.ReadCount("the epoch") : null;
        long? step = null;
        if (reader.ReadPresence("the step"))
        {
            long value = reader.ReadInt64("the step");
            step = value >= 0 ? value : throw new InvalidDataException($"the step is {value}, which is negative.");
        }

        return new CheckpointExtras(scheduler, epoch, step, ReadGenerators(reader), ReadMetadata(reader));
    }

    private static Dictionary<string, RandomGeneratorState> ReadGenerators(CheckpointReader reader)
    {
        int count = reader.ReadCount("the random generator count");
        var generators = new Dictionary<string, RandomGeneratorState>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string name = reader.ReadString($"the name of random generator {i}");
            string algorithm = reader.ReadString($"the algorithm of random generator '{name}'");
            int words = reader.ReadCount($"the state size of random generator '{name}'");
            if (algorithm != RandomGenerator.Algorithm || words != CheckpointFormat.GeneratorWords)
            {
                throw new InvalidDataException($"random generator '{name}' is {algorithm} with {words} state words; this SharpGrad knows only {RandomGenerator.Algorithm} with {CheckpointFormat.GeneratorWords}.");
            }

            string what = $"the state of random generator '{name}'";
            var state = new RandomGeneratorState(reader.ReadUInt64(what), reader.ReadUInt64(what), reader.ReadUInt64(what), reader.ReadUInt64(what));
            if (state.IsZero)
            {
                throw new InvalidDataException($"random generator '{name}' has the all-zero state, which no generator reaches.");
            }

            if (!generators.TryAdd(name, state))
            {
                throw new InvalidDataException($"random generator '{name}' appears twice.");
            }
        }

        return generators;
    }

    private static Dictionary<string, string> ReadMetadata(CheckpointReader reader)
    {
        int count = reader.ReadCount("the metadata count");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = reader.ReadString($"metadata key {i}");
            if (!metadata.TryAdd(key, reader.ReadString($"the metadata value of '{key}'")))
            {
                throw new InvalidDataException($"metadata key '{key}' appears twice.");
            }
        }

        return metadata;
    }

    // Keys in ordinal order, so the same state always gives the same bytes.
    private static void WriteScalars(CheckpointWriter writer, IReadOnlyDictionary<string, double> scalars)
    {
        string[] keys = [.. scalars.Keys.Order(StringComparer.Ordinal)];
        writer.WriteInt32(keys.Length);
        foreach (string key in keys)
        {
            writer.WriteString(key);
            writer.WriteDouble(scalars[key]);
        }
    }

    private static Dictionary<string, double> ReadScalars(CheckpointReader reader, string owner)
    {
        int count = reader.ReadCount($"the {owner} scalar count");
        var scalars = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int i = 0; i < count; i++)
        {
            string key = reader.ReadString($"{owner} scalar key {i}");
            if (!scalars.TryAdd(key, reader.ReadDouble($"{owner} scalar '{key}'")))
            {
                throw new InvalidDataException($"{owner} scalar '{key}' appears twice.");
            }
        }

        return scalars;
    }
}
