using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Veil.TestSupport.Logging;

/// <summary>Checks of the static partial <c>...Log</c> classes whose [LoggerMessage] methods a project logs through.</summary>
public static class LogClasses
{
    /// <summary>What is wrong with a log class's event ids: it has no [LoggerMessage] method, or an id names two lines (empty when nothing is).</summary>
    public static IReadOnlyList<string> EventIdProblems(Type logClass)
    {
        var ids = logClass.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Select(m => (m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>())).Where(m => m.Attribute is not null)
            .Select(m => (m.Name, m.Attribute!.EventId)).ToList();
        if (ids.Count == 0) return [$"{logClass.Name} has no [LoggerMessage] method"];
        return ids.GroupBy(m => m.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{logClass.Name}: event id {g.Key} is {string.Join(" and ", g.Select(m => m.Name))}").ToList();
    }
}
