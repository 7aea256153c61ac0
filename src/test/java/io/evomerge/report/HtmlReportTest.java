package io.evomerge.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class HtmlReportTest {

  private static final String PNG_PREFIX = "data:image/png;base64,";

  private static HtmlReport sample(String firstMethod, Map<String, String> summary) {
    List<ComparisonRow> rows = new ArrayList<>(ReportSamples.comparison().rows());
    rows.set(0, new ComparisonRow(firstMethod, 0.845, 0.8391, 0.3712, 2400));
    return new HtmlReport("EvoMerge run", "run-42", summary, new ComparisonTable(rows),
        ReportSamples.convergence(42, 10, 12), ReportSamples.weights(), Map.of(), List.of());
  }

  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setExpandEntityReferences(false);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<List<String>> bodyRows(Document doc, String tableClass) {
    List<List<String>> rows = new ArrayList<>();
    NodeList tables = doc.getElementsByTagName("table");
    for (int t = 0; t < tables.getLength(); t++) {
      Element table = (Element) tables.item(t);
      if (!table.getAttribute("class").equals(tableClass)) {
        continue;
      }
      NodeList trs = ((Element) table.getElementsByTagName("tbody").item(0)).getElementsByTagName("tr");
      for (int r = 0; r < trs.getLength(); r++) {
        NodeList tds = ((Element) trs.item(r)).getElementsByTagName("td");
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < tds.getLength(); c++) {
          cells.add(tds.item(c).getTextContent());
        }
        rows.add(cells);
      }
    }
    return rows;
  }

  @Test
  void theReportIsWellFormedAndHoldsEveryComparisonRow() throws Exception {
    HtmlReport report = sample("evo-merging", Map.of("seed", "42"));

    Document doc = parse(report.render());

    List<List<String>> rows = bodyRows(doc, "comparison");
    assertEquals(4, rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(report.comparison().cells(i), rows.get(i));
    }
    assertEquals("EvoMerge run", doc.getElementsByTagName("title").item(0).getTextContent());
  }

  @Test
  void theThreeChartsAreEmbeddedAsPngsThatDecode() throws Exception {
    Document doc = parse(sample("evo-merging", Map.of()).render());

    NodeList images = doc.getElementsByTagName("img");
    assertEquals(3, images.getLength());
    for (int i = 0; i < images.getLength(); i++) {
      String src = ((Element) images.item(i)).getAttribute("src");
      assertTrue(src.startsWith(PNG_PREFIX), src.substring(0, 40));
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(
          Base64.getDecoder().decode(src.substring(PNG_PREFIX.length()))));
      assertNotNull(image, "image " + i + " does not decode");
      assertEquals(HtmlReport.CHART_HEIGHT, image.getHeight());
    }
  }

  @Test
  void negativeBetasAreMarkedInTheWeightTable() throws Exception {
    Document doc = parse(sample("evo-merging", Map.of()).render());

    List<List<String>> rows = bodyRows(doc, "weights");
    assertEquals(List.of("topic-news", "0.3500", "-0.4200"), rows.get(2));
    NodeList trs = doc.getElementsByTagName("tr");
    int negative = 0;
    for (int i = 0; i < trs.getLength(); i++) {
      negative += ((Element) trs.item(i)).getAttribute("class").equals("negative") ? 1 : 0;
    }
    assertEquals(3, negative);
  }

  @Test
  void textIsEscapedSoMarkupInNamesStaysText() throws Exception {
    String hostile = "<script>alert(\"x\")</script> & 'co'";
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("note <b>", hostile);
    String html = sample(hostile, summary).render();

    assertFalse(html.contains("<script>"));
    Document doc = parse(html);
    assertEquals(hostile, bodyRows(doc, "comparison").get(0).get(0));
    assertEquals(0, doc.getElementsByTagName("script").getLength());
  }

  @Test
  void withoutEvaluationsOrWeightsTheReportSaysSoInsteadOfCharting() throws Exception {
    HtmlReport empty = new HtmlReport("t", "r", Map.of(), ReportSamples.comparison(), List.of(), List.of(),
        Map.of(), List.of());

    Document doc = parse(empty.render());

    assertEquals(0, doc.getElementsByTagName("img").getLength());
    assertTrue(doc.getDocumentElement().getTextContent().contains("No evaluations were recorded."));
  }

  @Test
  void aScreeningShowsItsRankingChartAndTheHeadOfItsRankingWithTheSelectedMarked() throws Exception {
    List<ScreeningBar> ranking = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      ranking.add(new ScreeningBar("adapter-<" + i + ">", -0.05 + 0.002 * i, i < 10 ? 4 : 2, i < 3));
    }
    HtmlReport report = new HtmlReport("t", "r", Map.of(), ReportSamples.comparison(),
        ReportSamples.convergence(42, 10, 12), ReportSamples.weights(), Map.of(), ranking);

    Document doc = parse(report.render());

    List<List<String>> rows = bodyRows(doc, "screening");
    assertEquals(Charts.SHOWN, rows.size(), "the head of a long ranking");
    assertEquals(List.of("1", "adapter-<0>", "-0.0500", "4", "yes"), rows.get(0));
    assertEquals(List.of("4", "adapter-<3>", "-0.0440", "4", "no"), rows.get(3));
    assertTrue(report.render().contains("alt=\"screening ranking\""), "the ranking chart is drawn");
    assertFalse(sample("evo-merging", Map.of()).render().contains("<h2>Screening</h2>"),
        "no screening section for a run that screened nothing");
  }
}
