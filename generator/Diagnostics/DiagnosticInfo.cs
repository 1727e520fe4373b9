using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using SharpGrad.Generator.Helpers;

namespace SharpGrad.Generator.Diagnostics;

/// <summary>A source location as plain values, so it can live in a value-equatable model.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    /// <summary>A real source location when <paramref name="tree"/> is the file, so editors can underline it.</summary>
    public Location ToLocation(SyntaxTree? tree = null)
        => tree is not null && tree.FilePath == FilePath ? Location.Create(tree, TextSpan) : Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode? node) => From(node?.GetLocation());
}

/// <summary>A diagnostic as plain values: the descriptor's id, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode? node, params string[] arguments)
        => new(descriptor.Id, LocationInfo.From(node), new EquatableArray<string>(arguments));

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
        => new(descriptor.Id, LocationInfo.From(location), new EquatableArray<string>(arguments));

    public Diagnostic ToDiagnostic(SyntaxTree? tree = null)
        => Diagnostic.Create(
            DiagnosticDescriptors.ById(Id),
            Location?.ToLocation(tree),
            System.Linq.Enumerable.ToArray<object>(Arguments));
}
