package io.openpe.node.linux;

import io.openpe.node.process.ExternalProgram;
import io.openpe.rules.CommandToken;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs commands through one {@code ip -force -batch -} process and tells which failed and why. With {@code -force}
 * ip goes on after a failed command and prints the error followed by {@code Command failed -:<line>}. Some argument
 * errors make ip exit at once without that marker; every command after the last one it reported is then counted as
 * failed, since it cannot be known whether it ran.
 */
final class IpBatch {

    private static final Pattern FAILED = Pattern.compile("^Command failed -:(\\d+)$");

    private IpBatch() {
    }

    /** @return error text per failed command, by index into {@code commands} */
    static Map<Integer, String> run(Netns netns, List<String> commands) {
        if (commands.isEmpty()) {
            return Map.of();
        }
        // The builders check every value (BatchLines); this keeps one command per line whatever built it.
        commands.forEach(CommandToken::requireOneLine);
        ExternalProgram.Output output = new Command(netns.ip("-force", "-batch", "-"),
                String.join("\n", commands) + "\n").run();
        return failures(output, commands.size());
    }

    static Map<Integer, String> failures(ExternalProgram.Output output, int commandCount) {
        Map<Integer, String> failures = new HashMap<>();
        List<String> pending = new ArrayList<>();
        int lastReported = 0;
        for (String line : output.stderr().split("\n")) {
            Matcher matcher = FAILED.matcher(line.strip());
            if (matcher.matches()) {
                int number = Integer.parseInt(matcher.group(1));
                failures.put(number - 1, pending.isEmpty() ? "ip failed" : String.join("; ", pending));
                pending.clear();
                lastReported = number;
            } else if (!line.isBlank()) {
                pending.add(line.strip());
            }
        }
        if (!output.ok() && !pending.isEmpty()) {
            String reason = "ip stopped after: " + String.join("; ", pending);
            for (int i = lastReported; i < commandCount; i++) {
                failures.putIfAbsent(i, reason);
            }
        }
        return failures;
    }
}
