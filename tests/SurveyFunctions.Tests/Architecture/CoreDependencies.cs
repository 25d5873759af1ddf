using Mono.Cecil;
using Mono.Cecil.Cil;

namespace SurveyFunctions.Tests.Architecture;

/// <summary>
/// Which top-level folder (area) of the core uses which, read from the compiled IL: signatures, attributes, and every
/// type, method and field a method body touches. Source text would miss a fully qualified name; IL misses nothing.
/// </summary>
internal static class CoreDependencies
{
    private const string CorePrefix = "SurveyFunctions.Core";

    /// <summary>Each (user area, used area) pair with one example of a type in the first that uses a type in the second.</summary>
    public static IReadOnlyDictionary<(string From, string To), string> Read(string assemblyPath)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var edges = new Dictionary<(string, string), string>();
        foreach (var type in module.GetTypes())
        {
            var from = AreaOf(type);
            if (from is null)
                continue;
            foreach (var used in Uses(type))
            {
                if (AreaOf(used) is { } to && to != from)
                    edges.TryAdd((from, to), $"{Outermost(type).FullName} uses {Outermost(used).FullName}");
            }
        }
        return edges;
    }

    /// <summary>The area of a core type: the namespace segment after <c>SurveyFunctions.Core</c>; "(root)" for the root namespace.</summary>
    public static string? AreaOf(TypeReference type)
    {
        var ns = Outermost(type).Namespace;
        if (ns == CorePrefix)
            return "(root)";
        if (!ns.StartsWith(CorePrefix + ".", StringComparison.Ordinal)
            || type.Scope.Name is not ("SurveyFunctions.Core" or "SurveyFunctions.Core.dll"))
            return null;
        var rest = ns[(CorePrefix.Length + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type is TypeSpecification spec)
            type = spec.ElementType;
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        if (type.BaseType is not null)
            foreach (var t in Expand(type.BaseType)) yield return t;
        foreach (var i in type.Interfaces)
            foreach (var t in Expand(i.InterfaceType)) yield return t;
        foreach (var t in Attributes(type.CustomAttributes)) yield return t;
        foreach (var field in type.Fields)
        {
            foreach (var t in Expand(field.FieldType)) yield return t;
            foreach (var t in Attributes(field.CustomAttributes)) yield return t;
        }
        foreach (var property in type.Properties)
        {
            foreach (var t in Expand(property.PropertyType)) yield return t;
            foreach (var t in Attributes(property.CustomAttributes)) yield return t;
        }
        foreach (var method in type.Methods)
        {
            foreach (var t in Expand(method.ReturnType)) yield return t;
            foreach (var t in Attributes(method.CustomAttributes)) yield return t;
            foreach (var p in method.Parameters)
                foreach (var t in Expand(p.ParameterType)) yield return t;
            if (!method.HasBody)
                continue;
            foreach (var v in method.Body.Variables)
                foreach (var t in Expand(v.VariableType)) yield return t;
            foreach (var instruction in method.Body.Instructions)
                foreach (var t in Operand(instruction)) yield return t;
        }
    }

    private static IEnumerable<TypeReference> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference t => Expand(t),
        MethodReference m => Expand(m.DeclaringType).Concat(Expand(m.ReturnType))
            .Concat(m.Parameters.SelectMany(p => Expand(p.ParameterType)))
            .Concat(m is GenericInstanceMethod g ? g.GenericArguments.SelectMany(Expand) : []),
        FieldReference f => Expand(f.DeclaringType).Concat(Expand(f.FieldType)),
        _ => [],
    };

    private static IEnumerable<TypeReference> Attributes(IEnumerable<CustomAttribute> attributes) =>
        attributes.SelectMany(a => Expand(a.AttributeType));

    /// <summary>A type with its element and generic arguments (a <c>List&lt;Survey&gt;</c> uses Survey).</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        yield return type;
        if (type is GenericInstanceType generic)
            foreach (var argument in generic.GenericArguments)
                foreach (var t in Expand(argument)) yield return t;
        if (type is TypeSpecification spec)
            foreach (var t in Expand(spec.ElementType)) yield return t;
    }
}
