package io.trafficlab.web.view;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Renders jte templates. In the jar they are precompiled (no compiler at run time); with
 * {@code -Dtrafficlab.dev=true} and the sources present they are compiled and hot-reloaded.
 * Every root template takes exactly one page record.
 */
public final class Templates {
  private final TemplateEngine engine;

  private Templates(TemplateEngine engine) {
    this.engine = engine;
  }

  public static Templates create() {
    Path src = Path.of("web/src/main/jte");
    if (Boolean.getBoolean("trafficlab.dev") && Files.isDirectory(src)) {
      return new Templates(TemplateEngine.create(new DirectoryCodeResolver(src), ContentType.Html));
    }
    return new Templates(TemplateEngine.createPrecompiled(ContentType.Html));
  }

  public String render(String template, Object page) {
    StringOutput out = new StringOutput();
    engine.render(template, page, out);
    return out.toString();
  }
}
