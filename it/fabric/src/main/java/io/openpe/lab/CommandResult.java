package io.openpe.lab;

import java.util.List;

/** What a program run by the lab printed, and how it exited. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr) {

    public CommandResult {
        argv = List.copyOf(argv);
    }

    public boolean ok() {
        return exitCode == 0;
    }

    /** This result, or a {@link LabException} naming the command and its error output. */
    public CommandResult orThrow() {
        if (!ok()) {
            throw new LabException(String.join(" ", argv) + " exited " + exitCode + ": " + stderr.strip()
                    + (stdout.isBlank() ? "" : " / " + stdout.strip()));
        }
        return this;
    }
}
