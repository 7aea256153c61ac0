package io.evomerge.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the repository's reports: {@code training-summary.json} and {@code training-summary.md}
 * (per adapter: zero-shot and adapter accuracy on its own task; per target: the merges of {@link
 * TargetEvaluation}) and {@code SUMMARY.md} (the table the README quotes). Output is a function of
 * its inputs (deterministic). Stateless and thread-safe.
 */
public final class SummaryWriter {

  public static final String JSON_FILE = "training-summary.json";
  public static final String MARKDOWN_FILE = "training-summary.md";
  public static final String SUMMARY_FILE = "SUMMARY.md";

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SummaryWriter() {}

  public record Content(String command, TrainingSettings settings, long seed, List<AdapterRow> adapters,
      List<TargetEvaluation.Report> targets) {}

  public static void write(Path dir, Content content) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(JSON_FILE), JSON.writeValueAsString(json(content)) + "\n");
    Files.writeString(dir.resolve(MARKDOWN_FILE), trainingMarkdown(content));
    Files.writeString(dir.resolve(SUMMARY_FILE), summaryMarkdown(content));
  }

  static ObjectNode json(Content c) {
    ObjectNode root = JSON.createObjectNode();
    root.put("command", c.command());
    root.put("seed", c.seed());
    root.set("settings", JSON.valueToTree(c.settings()));
    ArrayNode adapters = root.putArray("adapters");
    for (AdapterRow r : c.adapters()) {
      adapters.add(JSON.valueToTree(r));
    }
    ArrayNode targets = root.putArray("targets");
    for (TargetEvaluation.Report t : c.targets()) {
      ObjectNode node = targets.addObject().put("target", t.target());
      ArrayNode rows = node.putArray("merges");
      for (TargetEvaluation.Row r : t.rows()) {
        rows.addObject().put("method", r.method()).put("detail", r.detail())
            .put("dev_accuracy", r.dev().accuracy()).put("dev_loss", r.dev().loss())
            .put("test_accuracy", r.test().accuracy()).put("test_loss", r.test().loss());
      }
    }
    return root;
  }

  static String trainingMarkdown(Content c) {
    StringBuilder md = new StringBuilder();
    md.append("# Training summary\n\nMade by `").append(c.command()).append("` with ")
        .append(c.settings()).append(".\n\n");
    md.append("| adapter | family | labels | train | dev | zero-shot dev acc | adapter train acc | adapter dev acc | dev loss | epochs (best) |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (AdapterRow r : c.adapters()) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %.3f | %.3f | %.3f | %.3f | %d (%d) |%n",
          r.adapter(), r.family(), r.labels(), r.trainSize(), r.devSize(), r.baseDevAccuracy(),
          r.trainAccuracy(), r.devAccuracy(), r.devLoss(), r.epochsRun(), r.bestEpoch()));
    }
    for (TargetEvaluation.Report t : c.targets()) {
      md.append("\n## ").append(t.target()).append("\n\n");
      md.append("| merge | dev acc | dev loss | test acc | test loss | how |\n|---|---:|---:|---:|---:|---|\n");
      for (TargetEvaluation.Row r : t.rows()) {
        md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %s |%n", r.method(),
            r.dev().accuracy(), r.dev().loss(), r.test().accuracy(), r.test().loss(), r.detail()));
      }
    }
    return md.toString();
  }

  static String summaryMarkdown(Content c) {
    StringBuilder md = new StringBuilder();
    md.append("# Sample adapter repository\n\n")
        .append(c.adapters().size()).append(" LoRA adapters (rank ").append(c.settings().rank())
        .append(", lora_alpha ").append(fmt(c.settings().loraAlpha()))
        .append(") of the reference model (all-MiniLM-L6-v2, frozen, + a bilinear scorer at temperature ")
        .append(fmt(c.settings().temperature())).append("), one per source task of `data/tasks`.\n")
        .append("Reproduce with `submit/evomerge ").append(c.command()).append("`, or without the launcher: ")
        .append("`mvn -o -q test-compile && java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt) ")
        .append("io.evomerge.tools.ToolsCommand ").append(c.command()).append("`.\n\n");
    md.append("## Adapters on their own task (dev split)\n\n| adapter | labels | zero-shot base | adapter |\n|---|---|---:|---:|\n");
    for (AdapterRow r : c.adapters()) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f |%n", r.adapter(), r.labels(),
          r.baseDevAccuracy(), r.devAccuracy()));
    }
    md.append("\n## Held-out targets (test split accuracy; choices made on the dev split)\n\n")
        .append("| target | base | uniform | best single | intended | dev-tuned beta | oracle |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (TargetEvaluation.Report t : c.targets()) {
      md.append("| ").append(t.target());
      for (String method : List.of("base", "uniform", "best single", "intended", "dev-tuned beta", "oracle")) {
        md.append(" | ").append(t.rows().stream().filter(r -> r.method().equals(method)).findFirst()
            .map(r -> String.format(Locale.ROOT, "%.3f", r.test().accuracy())).orElse("-"));
      }
      md.append(" |\n");
    }
    md.append("\n");
    for (TargetEvaluation.Report t : c.targets()) {
      md.append("- ").append(t.target()).append(": best single = ").append(t.row("best single").detail())
          .append("; dev-tuned beta: ").append(t.row("dev-tuned beta").detail()).append("\n");
    }
    md.append("\n- base: zero-shot (beta = 0). uniform: alpha = 1, beta = 1/N.\n")
        .append("- best single: the adapter with the best dev accuracy, beta = 1 for it, 0 else")
        .append(" (which one: see `training-summary.md`).\n")
        .append("- intended: the adapters the task design calls helpful at +1/sqrt(k), the ones to subtract at -1/sqrt(k).\n")
        .append("- dev-tuned beta: a simple coordinate search of beta on the dev loss (alpha = 1), a stand-in")
        .append(" for a black-box search, to show headroom over the baselines.\n")
        .append("- oracle: an adapter trained directly on the target's dev split (not part of the repository).\n");
    return md.toString();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
