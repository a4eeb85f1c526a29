package dev.sparksuite.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;

/**
 * A run that publishes a staged result and stops between its two renames, to be killed there: it
 * creates the holding file and waits. Arguments: the output directory and the holding file.
 */
public final class PublisherHeldBetweenRenames {

  private PublisherHeldBetweenRenames() {}

  public static void main(String[] args) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    Path holding = Path.of(args[1]);
    ResultPublisher publisher =
        new ResultPublisher(
            fs,
            new org.apache.hadoop.fs.Path(args[0]),
            () -> {
              try {
                Files.createFile(holding);
                Thread.sleep(Duration.ofMinutes(5).toMillis());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try (FSDataOutputStream table =
        fs.create(new org.apache.hadoop.fs.Path(publisher.staging(), "numbers/part-0"))) {
      table.writeUTF("new results");
    }
    publisher.publish();
  }
}
