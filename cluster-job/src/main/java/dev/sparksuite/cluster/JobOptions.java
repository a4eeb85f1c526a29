package dev.sparksuite.cluster;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The job's command line, parsed and checked. Every bad input becomes a {@link UsageException}
 * whose message is the one line the user sees; {@code --help} prints {@link #USAGE}.
 */
public record JobOptions(
    long records,
    int partitions,
    Optional<String> output,
    int waitForExecutors,
    Optional<String> report) {

  public static final long DEFAULT_RECORDS = 1_000_000L;
  public static final int DEFAULT_PARTITIONS = 12;

  /** Records ranked per category in the window stage. */
  public static final int TOP_N = 3;

  public static final String USAGE =
      "usage: spark-submit --class dev.sparksuite.cluster.ClusterJob cluster-job.jar"
          + " [--records N] [--partitions P] [--output DIR] [--wait-for-executors E]"
          + " [--report FILE]";

  /** A bad command line; the message names the argument and what was wrong with it. */
  public static final class UsageException extends Exception {
    public UsageException(String message) {
      super(message);
    }
  }

  public static JobOptions defaults() {
    return new JobOptions(
        DEFAULT_RECORDS, DEFAULT_PARTITIONS, Optional.empty(), 0, Optional.empty());
  }

  public static JobOptions parse(String... args) throws UsageException {
    long records = DEFAULT_RECORDS;
    int partitions = DEFAULT_PARTITIONS;
    Optional<String> output = Optional.empty();
    int waitForExecutors = 0;
    Optional<String> report = Optional.empty();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      switch (flag) {
        case "--records" -> records = positiveLong(flag, valueOf(args, ++i, flag));
        case "--partitions" -> partitions = positiveInt(flag, valueOf(args, ++i, flag), 1);
        case "--output" -> output = Optional.of(nonBlank(flag, valueOf(args, ++i, flag)));
        case "--wait-for-executors" ->
            waitForExecutors = positiveInt(flag, valueOf(args, ++i, flag), 0);
        case "--report" ->
            report = Optional.of(aFile(flag, nonBlank(flag, valueOf(args, ++i, flag))));
        default -> throw new UsageException("unknown argument '" + flag + "'");
      }
    }
    return new JobOptions(records, partitions, output, waitForExecutors, report);
  }

  private static String valueOf(String[] args, int index, String flag) throws UsageException {
    if (index >= args.length || args[index].startsWith("--")) {
      throw new UsageException(flag + " needs a value");
    }
    return args[index];
  }

  private static long positiveLong(String flag, String value) throws UsageException {
    long parsed;
    try {
      parsed = Long.parseLong(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " must be a whole number, got '" + value + "'");
    }
    if (parsed < 1) {
      throw new UsageException(flag + " must be at least 1, got " + parsed);
    }
    return parsed;
  }

  private static int positiveInt(String flag, String value, int minimum) throws UsageException {
    int parsed;
    try {
      parsed = Integer.parseInt(value.replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UsageException(
          flag + " must be a whole number up to " + Integer.MAX_VALUE + ", got '" + value + "'");
    }
    if (parsed < minimum) {
      throw new UsageException(flag + " must be at least " + minimum + ", got " + parsed);
    }
    return parsed;
  }

  /**
   * Refused before the job runs rather than after, since the report is written at its end: a path
   * that is a directory, or whose nearest existing ancestor (the directory the job would create the
   * rest in) is a file or not writable.
   */
  private static String aFile(String flag, String value) throws UsageException {
    Path file;
    try {
      file = Path.of(value).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw new UsageException(flag + " is not a path: " + value);
    }
    if (Files.isDirectory(file)) {
      throw new UsageException(flag + " names a directory, not a file: " + value);
    }
    Path existing = file.getParent();
    while (!Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (!Files.isDirectory(existing)) {
      throw new UsageException(flag + " " + value + ": " + existing + " is a file");
    }
    if (!Files.isWritable(existing)) {
      throw new UsageException(flag + " " + value + ": " + existing + " is not writable");
    }
    return value;
  }

  private static String nonBlank(String flag, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException(flag + " must not be empty");
    }
    return value;
  }
}
