using System.Collections.Generic;
using System.Linq;
using SharpGrad.Generator.Helpers;
using SharpGrad.Generator.Ir;

namespace SharpGrad.Generator.Differentiation;

/// <summary>
/// Where each statement of a method sits: its position in program order and the loops around it. IR
/// records compare by value, so two equal statements at different places are told apart by reference.
/// </summary>
internal sealed class StatementIndex
{
    private readonly Dictionary<IrStmt, (int Position, int[] Loops)> _entries = new(ReferenceComparer<IrStmt>.Instance);

    public StatementIndex(IEnumerable<IrStmt> body)
    {
        int position = 0;
        void Visit(IEnumerable<IrStmt> statements, int[] loops)
        {
            foreach (IrStmt statement in statements)
            {
                int here = position++;
                _entries[statement] = (here, loops);
                switch (statement)
                {
                    case ForStmt loop:
                        Visit(loop.Body, [.. loops, here]);
                        break;
                    case WhileStmt loop:
                        Visit(loop.Body, [.. loops, here]);
                        break;
                    case IfStmt branch:
                        Visit(branch.Then, loops);
                        Visit(branch.Else, loops);
                        break;
                }
            }
        }

        Visit(body, []);
    }

    public bool IsInLoop(IrStmt statement) => _entries[statement].Loops.Length > 0;

    /// <summary>Whether <paramref name="statement"/> is nested, at any depth, in the loop <paramref name="loop"/>.</summary>
    public bool IsInside(IrStmt loop, IrStmt statement)
        => _entries.TryGetValue(statement, out (int Position, int[] Loops) entry) && entry.Loops.Contains(_entries[loop].Position);

    /// <summary>
    /// Whether <paramref name="earlier"/> can run before some execution of <paramref name="later"/>: it comes
    /// first in program order (or is the same statement), or a loop around both runs it again afterwards.
    /// </summary>
    public bool CanPrecede(IrStmt earlier, IrStmt later)
    {
        (int earlierPosition, int[] earlierLoops) = _entries[earlier];
        (int laterPosition, int[] laterLoops) = _entries[later];
        return earlierPosition <= laterPosition || earlierLoops.Intersect(laterLoops).Any();
    }
}
