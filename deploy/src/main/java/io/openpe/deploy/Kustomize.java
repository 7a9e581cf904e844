package io.openpe.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization directory with the command in {@code OPENPE_KUSTOMIZE} (default {@code kubectl kustomize};
 * {@code kustomize build} works too). {@code .ci/run} installs kubectl when the machine has none.
 */
public final class Kustomize {
  static final String COMMAND_VARIABLE = "OPENPE_KUSTOMIZE";
  private static final long TIMEOUT_SECONDS = 120;

  private final List<String> command;

  public Kustomize(List<String> command) {
    this.command = List.copyOf(command);
  }

  public static Kustomize fromEnvironment() {
    String configured = System.getenv(COMMAND_VARIABLE);
    String text = configured == null || configured.isBlank() ? "kubectl kustomize" : configured.trim();
    return new Kustomize(Arrays.asList(text.split("\\s+")));
  }

  /** The rendered YAML stream; throws with kustomize's own error when the directory does not render. */
  public String render(Path directory) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(command);
    argv.add(directory.toString());
    Path errors = Files.createTempFile("kustomize", ".err");
    try {
      Process process;
      try {
        process = new ProcessBuilder(argv).redirectError(errors.toFile()).start();
      } catch (IOException e) {
        throw new IOException("cannot run " + String.join(" ", command) + " (" + e.getMessage() + "): install kubectl"
            + " (.ci/run does) or set " + COMMAND_VARIABLE + " to a kustomize command", e);
      }
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(String.join(" ", argv) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IOException(String.join(" ", argv) + " failed (exit " + process.exitValue() + "): "
            + Files.readString(errors).strip());
      }
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(errors);
    }
  }
}
