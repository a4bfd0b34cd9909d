package io.trafficlab.web.lesson;

import java.util.List;
import java.util.Map;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.AttributeProvider;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Lesson Markdown → HTML. Raw HTML in lessons is escaped (pack authors are trusted, but uploaded
 * packs are not). Links {@code exercise:slug} become links to the pack's exercise page; fenced code
 * gets {@code language-*} classes that the page highlights.
 */
public final class MarkdownRenderer {
  private final Parser parser = Parser.builder().extensions(List.of(TablesExtension.create())).build();

  public String render(String markdown, String packId) {
    Node doc = parser.parse(markdown);
    HtmlRenderer renderer = HtmlRenderer.builder()
        .extensions(List.of(TablesExtension.create()))
        .escapeHtml(true)
        .sanitizeUrls(true)
        .attributeProviderFactory(ctx -> new ExerciseLinks(packId))
        .build();
    return renderer.render(doc);
  }

  /** Rewrites {@code exercise:slug} hrefs; the URL sanitizer would otherwise drop the scheme. */
  private static final class ExerciseLinks implements AttributeProvider {
    private final String packId;

    ExerciseLinks(String packId) {
      this.packId = packId;
    }

    @Override
    public void setAttributes(Node node, String tagName, Map<String, String> attributes) {
      if (node instanceof Link link && link.getDestination().startsWith("exercise:")) {
        String slug = link.getDestination().substring("exercise:".length());
        if (slug.matches("[a-z0-9][a-z0-9-]{0,80}")) {
          attributes.put("href", "/packs/" + packId + "/exercises/" + slug);
          attributes.put("class", "try-it");
        }
      }
    }
  }
}
