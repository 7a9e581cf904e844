package io.openpe.node.linux;

import io.openpe.node.process.ExternalProgram;
import io.openpe.node.process.ExternalProgram.Output;
import java.util.List;

/** One external process of the kernel adapter: argv and optional standard input. */
record Command(List<String> argv, String stdin) {

    Command {
        argv = List.copyOf(argv);
    }

    static Command of(List<String> argv) {
        return new Command(argv, "");
    }

    Command withStdin(String input) {
        return new Command(argv, input);
    }

    Output run() {
        return ExternalProgram.run(argv, stdin);
    }

    Output runOrThrow() {
        Output output = run();
        if (!output.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + " exited " + output.exitCode() + ": "
                    + output.stderr().strip());
        }
        return output;
    }
}
