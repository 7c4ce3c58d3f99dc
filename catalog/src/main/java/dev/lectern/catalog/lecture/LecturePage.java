package dev.lectern.catalog.lecture;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One page of a lecture list; {@code next} is null on the last page. */
public record LecturePage(List<VisibleLecture> items, Cursor next) {

    public LecturePage {
        items = List.copyOf(items);
    }

    public JsonObject toJson() {
        JsonArray array = new JsonArray();
        items.forEach(item -> array.add(item.toJson()));
        JsonObject page = new JsonObject().put("items", array);
        if (next != null) {
            page.put("nextCursor", next.encode());
        }
        return page;
    }
}
