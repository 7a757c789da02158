using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace WebNet.Cli;

/// <summary>
/// Options whose help, completion and errors come from one definition: numbers parsed with the invariant culture and
/// a message a person reads ("'abc' is not a whole number"), words accepted only from their list.
/// </summary>
internal static class CliOptions
{
    /// <summary>An optional number: absent is null; a value that does not parse is a parse error naming it.</summary>
    public static Option<T?> Number<T>(string name, string description)
        where T : struct, IParsable<T>
    {
        var whole = typeof(T) == typeof(int) || typeof(T) == typeof(ulong) || typeof(T) == typeof(long);
        return new Option<T?>(name)
        {
            Description = description,
            HelpName = whole ? "N" : "X",
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (T.TryParse(text, CultureInfo.InvariantCulture, out var value))
                {
                    return value;
                }

                result.AddError($"'{text}' is not a {(whole ? "whole number" : "number")}.");
                return null;
            },
        };
    }

    /// <summary>An optional word from a fixed list; help and completion show the list.</summary>
    public static Option<string?> OneOf(string name, string description, IReadOnlyList<string> values)
    {
        var option = new Option<string?>(name) { Description = description, HelpName = string.Join('|', values) };
        option.AcceptOnlyFromAmong([.. values]);
        return option;
    }

    /// <summary>The subcommands' names from the root down ("bench classify"), the root itself left out.</summary>
    public static string CommandPath(CommandResult command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var names = new List<string>();
        for (SymbolResult? symbol = command; symbol is CommandResult { Parent: not null } c; symbol = symbol.Parent)
        {
            names.Insert(0, c.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>A parse error as one line: the option it belongs to, then the parser's message on one line.</summary>
    public static string Describe(ParseError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var message = string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        for (var symbol = error.SymbolResult; symbol is not null; symbol = symbol.Parent)
        {
            if (symbol is OptionResult option)
            {
                return $"{option.Option.Name}: {message}";
            }
        }

        return message;
    }
}
