namespace SharpGrad.Generator.Tests.Fuzzing;

/// <summary>How a <see cref="FuzzStmt"/> prints.</summary>
internal enum StmtKind
{
    /// <summary>One statement: its format filled with its expressions (declaration, assignment, return, break...).</summary>
    Line,

    /// <summary><c>if (cond)</c> with a then-block and an optional else-block.</summary>
    If,

    /// <summary>A loop whose header (<c>for (...)</c>, <c>while (...)</c>) precedes its body.</summary>
    Loop,

    /// <summary><c>do { body } while (cond);</c>, the format being the closing <c>while</c>.</summary>
    DoWhile,
}
