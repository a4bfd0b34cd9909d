package io.trafficlab.web.view;

import io.trafficlab.labs.pack.Lesson;
import io.trafficlab.web.pack.PackCatalog;
import java.util.List;

/** The catalogue page: every pack with its lessons in order. */
public record HomePage(Chrome chrome, List<PackItem> packs) {

  public record PackItem(String id, String title, String description, List<Lesson> lessons, int exercises) {}

  public static HomePage of(Chrome chrome, PackCatalog catalog) {
    return new HomePage(chrome, catalog.all().stream()
        .map(e -> new PackItem(e.pack().id(), e.pack().title(), e.pack().description(), e.pack().lessons(),
            e.pack().exercises().size()))
        .toList());
  }
}
