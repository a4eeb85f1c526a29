package dev.sparksuite.parquet;

import dev.sparksuite.lessonkit.Lesson;
import dev.sparksuite.lessonkit.SqlConf;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.ColumnarToRowExec;
import org.apache.spark.sql.execution.FileSourceScanExec;
import org.apache.spark.sql.execution.SparkPlan;
import org.apache.spark.sql.execution.adaptive.AdaptiveSparkPlanExec;
import org.apache.spark.sql.execution.adaptive.QueryStageExec;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Spark's vectorized Parquet reader. With {@code spark.sql.parquet.enableVectorizedReader} on (the
 * default) the reader decodes a column chunk into column vectors, {@code
 * spark.sql.parquet.columnarReaderBatchSize} rows at a time (default 4096), and the scan hands
 * whole batches to the plan: the plan shows {@code FileScan parquet … Batched: true} under a {@code
 * ColumnarToRow} node, whose "number of input batches" metric counts them. A batch never spans two
 * row groups, so a row group of {@code n} rows makes {@code ceil(n / batchSize)} batches. With the
 * reader off, parquet-hadoop's record reader builds one row at a time and the plan has neither.
 *
 * <p>The query is the one Spark's own DataSourceReadBenchmark times: {@code SUM} of one BIGINT
 * column. The lesson prints rows per second for each setting; timings vary from run to run, so only
 * the mechanism is checked by the test.
 *
 * <p>In Spark 4.1.1 the scan is columnar only if, besides the reader being on, whole-stage codegen
 * is on, the scan's schema has no more than {@code spark.sql.codegen.maxFields} (100) fields,
 * nested ones counted, and every column has a type the vectorized reader decodes: atomic types do;
 * struct, array and map only while {@code spark.sql.parquet.enableNestedColumnVectorizedReader} is
 * on (the default). Not columnar is not the same as not vectorized: with codegen off or too many
 * fields the vectorized reader still decodes the pages and hands the scan rows out of its batches;
 * only a column type it cannot decode (or the reader switched off) brings in parquet-hadoop's
 * record reader, and the plan shows {@code Batched: false} then too: the plan alone does not tell
 * the two readers apart. The lesson shows each case on a small file.
 *
 * <p>Usage: {@code spark-submit --class dev.sparksuite.parquet.VectorizedReaderExample
 * formats-parquet/target/formats-parquet.jar <output-dir>}; the output directory may be a local
 * path or on HDFS ({@code hdfs://namenode:8020/lessons/parquet}).
 */
public final class VectorizedReaderExample {

  static final long ROWS = 8_000_000;
  static final int FILES = 2;
  static final String VECTORIZED = "spark.sql.parquet.enableVectorizedReader";
  static final String BATCH_SIZE = "spark.sql.parquet.columnarReaderBatchSize";
  static final int DEFAULT_BATCH = 4096;
  static final int SMALL_BATCH = 1024;

  /** Untimed runs first, so that timings compare readers, not the JIT compiler warming up. */
  static final int WARM_UP_RUNS = 2;

  private VectorizedReaderExample() {}

  /** One reader setting, as the plan and its metrics saw it, and the best of its timed runs. */
  public record Run(
      String setting,
      boolean batched,
      boolean columnarToRow,
      long batches,
      long sum,
      double rowsPerSecond) {}

  /** The file's row groups and rows, what the batch arithmetic predicts, and each setting's run. */
  public record Comparison(
      int rowGroups,
      long rows,
      long expectedBatchesDefault,
      long expectedBatchesSmall,
      Run vectorized,
      Run smallBatches,
      Run rowReader) {

    public double speedUp() {
      return vectorized.rowsPerSecond() / rowReader.rowsPerSecond();
    }
  }

  /**
   * Whether the scan is batched with the vectorized reader on: by default, with whole-stage codegen
   * off, with {@code spark.sql.codegen.maxFields} below the scan's field count, and for a struct
   * column with nested vectorization off and on.
   */
  public record Fallbacks(
      boolean defaults,
      boolean codegenOff,
      boolean tooManyFields,
      boolean nestedOff,
      boolean nestedOn) {}

  public static void main(String[] args) {
    Lesson.exit(teach(Lesson.ALONE, args));
  }

  /** The lesson, alone ({@link #main}) or as one lesson of its jar's {@code --all} run. */
  static int teach(Lesson.Mode mode, String[] args) {
    return Lesson.run(
        mode,
        args,
        VectorizedReaderExample.class,
        (spark, output) -> {
          Comparison c = compare(spark, new Path(output, "ids"), ROWS, 3);
          System.out.printf(
              "setup: %,d BIGINT ids in %d files, %d row groups; query: SELECT sum(id)%n",
              c.rows(), FILES, c.rowGroups());
          for (Run run : List.of(c.vectorized(), c.smallBatches(), c.rowReader())) {
            System.out.printf(
                "%-30s Batched: %-5s ColumnarToRow: %-5s batches: %,7d  %,13.0f rows/s%n",
                run.setting(),
                run.batched(),
                run.columnarToRow(),
                run.batches(),
                run.rowsPerSecond());
          }
          System.out.printf(
              "batches expected from the footer: %,d at %d rows, %,d at %d rows%n",
              c.expectedBatchesDefault(), DEFAULT_BATCH, c.expectedBatchesSmall(), SMALL_BATCH);
          System.out.printf(
              "speed-up of the vectorized reader over the row reader: %.1fx%n", c.speedUp());
          Fallbacks f = fallbacks(spark, new Path(output, "orders"));
          System.out.printf(
              "Batched with the reader on: by default %s, whole-stage codegen off %s, "
                  + "more fields than codegen.maxFields %s, struct column with nested vectorization off %s, on %s%n",
              f.defaults(), f.codegenOff(), f.tooManyFields(), f.nestedOff(), f.nestedOn());
          System.out.println(
              "what this shows: the vectorized reader hands the plan batches of column vectors, "
                  + "as many as the batch size predicts; the row reader hands it rows, one by one");
        });
  }

  /**
   * Writes {@code rows} ids and runs {@code SELECT sum(id)} with the vectorized reader at the
   * default and at a small batch size, and with the row reader; each is timed {@code timedRuns}
   * times after two warm-up runs, and the fastest run counts.
   */
  public static Comparison compare(SparkSession spark, Path path, long rows, int timedRuns)
      throws IOException {
    spark.range(0, rows, 1, FILES).write().mode("overwrite").parquet(path.toString());

    FileSystem fs = Lesson.fileSystem(spark, path);
    List<Long> rowGroupRows = new ArrayList<>();
    for (Path file : ParquetFiles.dataFiles(fs, path)) {
      for (BlockMetaData rowGroup : ParquetFiles.footer(fs, file).getBlocks()) {
        rowGroupRows.add(rowGroup.getRowCount());
      }
    }
    Run vectorized =
        run(
            spark,
            path,
            rows,
            timedRuns,
            "vectorized, batch 4096",
            Map.of(VECTORIZED, "true", BATCH_SIZE, String.valueOf(DEFAULT_BATCH)));
    Run small =
        run(
            spark,
            path,
            rows,
            timedRuns,
            "vectorized, batch 1024",
            Map.of(VECTORIZED, "true", BATCH_SIZE, String.valueOf(SMALL_BATCH)));
    Run rowReader =
        run(
            spark,
            path,
            rows,
            timedRuns,
            "row reader (vectorized off)",
            Map.of(VECTORIZED, "false"));
    return new Comparison(
        rowGroupRows.size(),
        rows,
        batches(rowGroupRows, DEFAULT_BATCH),
        batches(rowGroupRows, SMALL_BATCH),
        vectorized,
        small,
        rowReader);
  }

  /**
   * When the scan is not batched although the vectorized reader is on. The file has a BIGINT, a
   * string and a struct column; each check plans a scan and reads the scan node's own decision.
   */
  public static Fallbacks fallbacks(SparkSession spark, Path path) {
    spark
        .range(0, 1000, 1, 1)
        .selectExpr(
            "id",
            "concat('order ', id) AS note",
            "named_struct('city', 'Berlin', 'zip', '10115') AS address")
        .write()
        .mode("overwrite")
        .parquet(path.toString());
    Map<String, String> on = Map.of(VECTORIZED, "true");
    return new Fallbacks(
        batched(spark, path, on, "id", "note"),
        batched(
            spark,
            path,
            Map.of(VECTORIZED, "true", "spark.sql.codegen.wholeStage", "false"),
            "id",
            "note"),
        // Two columns against a limit of one field.
        batched(
            spark,
            path,
            Map.of(VECTORIZED, "true", "spark.sql.codegen.maxFields", "1"),
            "id",
            "note"),
        batched(
            spark,
            path,
            Map.of(
                VECTORIZED,
                "true",
                "spark.sql.parquet.enableNestedColumnVectorizedReader",
                "false"),
            "id",
            "address"),
        batched(spark, path, on, "id", "address"));
  }

  private static boolean batched(
      SparkSession spark, Path path, Map<String, String> conf, String... columns) {
    return SqlConf.with(
        spark,
        conf,
        () -> {
          SparkPlan plan =
              spark
                  .read()
                  .parquet(path.toString())
                  .select(columns[0], Arrays.copyOfRange(columns, 1, columns.length))
                  .queryExecution()
                  .executedPlan();
          return nodes(plan).stream()
              .filter(FileSourceScanExec.class::isInstance)
              .map(n -> ((FileSourceScanExec) n).supportsColumnar())
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no file scan in the plan"));
        });
  }

  /** A batch stops at the end of a row group: each row group makes ceil(rows / batch size). */
  static long batches(List<Long> rowGroupRows, int batchSize) {
    return rowGroupRows.stream().mapToLong(n -> (n + batchSize - 1) / batchSize).sum();
  }

  private static Run run(
      SparkSession spark,
      Path path,
      long rows,
      int timedRuns,
      String setting,
      Map<String, String> conf) {
    return SqlConf.with(
        spark,
        conf,
        () -> {
          Dataset<Row> query = spark.read().parquet(path.toString()).selectExpr("sum(id)");
          long best = Long.MAX_VALUE;
          long sum = 0;
          SparkPlan plan = null;
          for (int i = 0; i < WARM_UP_RUNS + timedRuns; i++) {
            // A fresh Dataset per run: a Dataset keeps its executed plan, and with it the metrics
            // of the first run.
            Dataset<Row> fresh = query.select("*");
            long start = System.nanoTime();
            sum = fresh.collectAsList().get(0).getLong(0);
            long elapsed = System.nanoTime() - start;
            if (i >= WARM_UP_RUNS) {
              best = Math.min(best, elapsed);
            }
            plan = fresh.queryExecution().executedPlan();
          }
          List<SparkPlan> nodes = nodes(plan);
          FileSourceScanExec scan =
              nodes.stream()
                  .filter(FileSourceScanExec.class::isInstance)
                  .map(FileSourceScanExec.class::cast)
                  .findFirst()
                  .orElseThrow(() -> new IllegalStateException("no file scan in the plan"));
          long batches =
              nodes.stream()
                  .filter(ColumnarToRowExec.class::isInstance)
                  .mapToLong(n -> n.metrics().get("numInputBatches").get().value())
                  .sum();
          boolean columnarToRow = nodes.stream().anyMatch(ColumnarToRowExec.class::isInstance);
          return new Run(
              setting,
              scan.supportsColumnar(),
              columnarToRow,
              columnarToRow ? batches : 0,
              sum,
              rows / (best / 1e9));
        });
  }

  /**
   * Every node of an executed plan. With adaptive execution on, the aggregate's shuffle splits the
   * plan into query stages, which are leaves of the final plan: look inside them too.
   */
  static List<SparkPlan> nodes(SparkPlan plan) {
    List<SparkPlan> out = new ArrayList<>();
    out.add(plan);
    List<SparkPlan> children = new ArrayList<>(CollectionConverters.asJava(plan.children()));
    if (plan instanceof AdaptiveSparkPlanExec adaptive) {
      children.add(adaptive.executedPlan());
    } else if (plan instanceof QueryStageExec stage) {
      children.add(stage.plan());
    }
    children.forEach(child -> out.addAll(nodes(child)));
    return out;
  }
}
