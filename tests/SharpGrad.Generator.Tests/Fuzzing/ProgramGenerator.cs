using CsCheck;

namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>
/// The CsCheck generator of whole programs. Each program is built by a <see cref="ProgramBuilder"/> that
/// tracks scopes, types and index ranges as it goes, so every program compiles and, unless
/// <see cref="FuzzOptions.InRangeIndices"/> is off, never indexes out of range. Its size is the number of statements.
/// </summary>
internal sealed class ProgramGenerator(FuzzOptions options) : Gen<FuzzProgram>
{
    public override FuzzProgram Generate(PCG pcg, Size? min, out Size size)
    {
        var random = new FuzzRandom(pcg);
        FuzzFamily family = random.Chance(options.Adversarial) ? random.Pick(FuzzFamily.Adversarial) : FuzzFamily.Standard;
        FuzzProgram program = new ProgramBuilder(random, options, family).Build();
        size = new Size((ulong)program.StatementCount);
        return program;
    }

    /// <summary>Program <paramref name="index"/> of the run seeded with <paramref name="seed"/>: the same every time.</summary>
    public FuzzProgram Generate(ulong seed, int index) => Generate(new PCG((uint)index, seed), null, out _);
}
