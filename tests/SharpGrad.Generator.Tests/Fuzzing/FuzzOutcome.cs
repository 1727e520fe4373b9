namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>What happened to one fuzzed program. Everything after <see cref="Refused"/> is a defect.</summary>
internal enum FuzzOutcome
{
    /// <summary>Differentiated; values, accumulation and gradients checked.</summary>
    Differentiated,

    /// <summary>Refused by SG errors located inside its methods (methods it does not depend on may still be checked).</summary>
    Refused,

    /// <summary>The fuzzer's own fault: the program does not compile even without the generator, or the probe does not.</summary>
    InvalidProgram,

    /// <summary>The generator threw: CS8784/CS8785 or SG9999.</summary>
    GeneratorCrash,

    /// <summary>An SG diagnostic outside the methods of the program (or with no location).</summary>
    MisplacedDiagnostic,

    /// <summary>A CS error or warning in a generated file, or one the generated code causes in the user's file.</summary>
    NonCompilingOutput,

    /// <summary>The companion's signature is not the documented one: the probe, written from the README, does not bind.</summary>
    WrongSignature,

    /// <summary>No SG error anywhere, yet a <c>[Differentiable]</c> method has no companion.</summary>
    MissingCompanion,

    /// <summary>A method with an SG error got a companion anyway.</summary>
    CompanionDespiteError,

    /// <summary>The companion returns a different value than the method.</summary>
    ValueMismatch,

    /// <summary>The companion throws where the method does not, or a different exception.</summary>
    ExceptionMismatch,

    /// <summary>A pre-filled buffer does not end as pre + seed * gradient, or the default seed is not 1.</summary>
    Accumulation,

    /// <summary>A gradient buffer of the wrong length is not rejected with an ArgumentException.</summary>
    BufferCheck,

    /// <summary>The gradient disagrees with central differences at a smooth point.</summary>
    WrongGradient,

    /// <summary>Under a small tape budget, where a recording loop checkpoints, the companion's value or gradient changes, or it throws something else than the budget's error.</summary>
    CheckpointMismatch,

    /// <summary>The companion did not finish in time, or calls itself where the method does not (it would overflow the stack).</summary>
    Hang,

    /// <summary>A defect seen only when compiled with other programs, not alone.</summary>
    BatchOnly,
}
