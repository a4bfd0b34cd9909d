package io.trafficlab.web;

import io.trafficlab.web.db.Database;
import io.trafficlab.web.pack.PackCatalog;
import io.trafficlab.web.view.Templates;

/** Everything the web app needs, built once by the composition root (serve command or a test). */
public record WebDeps(Database database, PackCatalog packs, Templates templates) {}
