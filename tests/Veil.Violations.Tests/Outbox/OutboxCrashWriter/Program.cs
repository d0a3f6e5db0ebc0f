using Veil.Violations.Outbox;
using Veil.Violations.Tests.Outbox.CrashWriter;

// Usage: OutboxCrashWriter <outbox directory>
// Prints each entry's id on its own line once Enqueue has returned, until killed. It gives up on its
// own (exit 3) only after MaxEntries, so a test host that died first leaves a bounded file behind.
const int MaxEntries = 2000;
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: OutboxCrashWriter <outbox directory>");
    return 2;
}

using var outbox = EventOutbox.Open(args[0]);
var stdout = Console.Out;
for (var number = 0; number < MaxEntries; number++)
{
    outbox.Enqueue(CrashEntries.Create(number));
    stdout.WriteLine(CrashEntries.IdOf(number));
    stdout.Flush();
}
Console.Error.WriteLine($"wrote {MaxEntries} entries without being killed");
return 3;
