using System.Numerics;
using SharpGrad.Optimizers;
using SharpGrad.Schedules;

namespace SharpGrad.Checkpoints;

// Applying a checked file: first every check that needs no change, then the states that validate themselves,
// each undone if a later one fails, and last the copies that cannot fail.
public static partial class Checkpoint
{
    private static void RequireLoadOptionsFit<T>(CheckpointLoadOptions? options, Optimizer<T>? optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (options?.Scheduler is { } scheduler)
        {
            RequireSchedulerOf(scheduler, optimizer, nameof(options));
        }

        foreach ((string name, RandomGenerator generator) in options?.Generators ?? new Dictionary<string, RandomGenerator>())
        {
            if (generator is null)
            {
                throw new ArgumentException($"The random generator '{name}' to restore is null.", nameof(options));
            }
        }
    }

    private static void CheckOptimizerState<T>(string path, OptimizerState? state, Optimizer<T> optimizer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (state is null)
        {
            throw Failure(path, "holds no optimizer state, but an optimizer was given to restore. Pass no optimizer to load only the parameters.");
        }

        string expected = optimizer.GetState().OptimizerName;
        if (!string.Equals(state.OptimizerName, expected, StringComparison.Ordinal))
        {
            throw Failure(path, $"holds state saved from optimizer {state.OptimizerName}, but the optimizer to restore is {expected}.");
        }
    }

    private static void CheckRequestedExtras(string path, CheckpointExtras extras, CheckpointLoadOptions? options)
    {
        if (options?.Scheduler is { } scheduler)
        {
            string expected = scheduler.GetType().Name;
            if (extras.Scheduler is null)
            {
                throw Failure(path, $"holds no scheduler state, but a scheduler ({expected}) was given to restore. Pass no scheduler to load without it.");
            }

            if (!string.Equals(extras.Scheduler.Name, expected, StringComparison.Ordinal))
            {
                throw Failure(path, $"holds state saved from scheduler {extras.Scheduler.Name}, but the scheduler to restore is {expected}.");
            }
        }

        foreach (string name in (options?.Generators.Keys ?? []).Order(StringComparer.Ordinal))
        {
            if (!extras.Generators.ContainsKey(name))
            {
                string held = extras.Generators.Count == 0
                    ? "none"
                    : string.Join(", ", extras.Generators.Keys.Order(StringComparer.Ordinal).Select(n => $"'{n}'"));
                throw Failure(path, $"holds no state for random generator '{name}'; the generators it holds: {held}.");
            }
        }
    }

    // Optimizer<T>.LoadState and the schedulers' LoadState check everything before they change anything. The
    // optimizer goes first; if the scheduler then refuses its state, the optimizer gets its own snapshot back.
    private static void RestoreStates<T>(string path, LoadedCheckpoint<T> loaded, Optimizer<T> optimizer, ILearningRateScheduler? scheduler)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        OptimizerState? before = scheduler is null ? null : optimizer.GetState();
        try
        {
            optimizer.LoadState(loaded.OptimizerState!);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            throw Failure(path, $"holds optimizer state that does not fit the optimizer: {error.Message}", error);
        }

        if (scheduler is null)
        {
            return;
        }

        try
        {
            scheduler.LoadState(loaded.Extras.Scheduler!.State);
        }
        catch (Exception error) when (error is ArgumentException or InvalidOperationException)
        {
            optimizer.LoadState(before!);
            throw Failure(path, $"holds scheduler state that does not fit the scheduler: {error.Message}", error);
        }
    }

    private static CheckpointInfo InfoOf<T>(LoadedCheckpoint<T> loaded)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckpointExtras extras = loaded.Extras;
        return new CheckpointInfo(
            loaded.FormatVersion,
            loaded.OptimizerState?.OptimizerName,
            extras.Scheduler?.Name,
            extras.Epoch,
            extras.Step,
            [.. extras.Generators.Keys.Order(StringComparer.Ordinal)],
            new Dictionary<string, string>(extras.Metadata, StringComparer.Ordinal).AsReadOnly(),
            loaded.MissingKeys,
            loaded.UnexpectedKeys);
    }
}
