package dev.lectern.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lectern.catalog.api.OpenApiDocument;
import dev.lectern.testkit.TestHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The OpenAPI document")
class OpenApiDocumentTest {
    private static final Set<String> METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static RunningLectern app;
    private static JsonObject document;

    @BeforeAll
    static void start() {
        app = new RunningLectern();
        document = new JsonObject(OpenApiDocument.load());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName("lists exactly the operations the running server's router has, in both directions")
    void matchesTheRouter() {
        Set<String> routed = RegisteredRoutes.of(app.lectern.router());
        Set<String> documented = new TreeSet<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                if (METHODS.contains(method)) {
                    documented.add(method.toUpperCase() + " " + path);
                }
            }
        }
        Set<String> undocumented = new TreeSet<>(routed);
        undocumented.removeAll(documented);
        Set<String> unrouted = new TreeSet<>(documented);
        unrouted.removeAll(routed);
        assertEquals(Set.of(), undocumented, "routes missing from openapi.json");
        assertEquals(Set.of(), unrouted, "operations in openapi.json that no route serves");
        assertTrue(routed.size() > 10, "the walk found the API's routes: " + routed);
    }

    @Test
    @DisplayName(
            "has the OpenAPI 3.1 structure: info, operations with responses, declared path parameters, resolvable references")
    void isWellFormed() {
        assertTrue(document.getString("openapi").startsWith("3.1."));
        assertNotNull(document.getJsonObject("info").getString("title"));
        assertNotNull(document.getJsonObject("info").getString("version"));
        JsonObject paths = document.getJsonObject("paths");
        List<String> problems = new ArrayList<>();
        Pattern parameter = Pattern.compile("\\{([^}]+)}");
        for (String path : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(path);
            for (String method : item.fieldNames()) {
                if (!METHODS.contains(method)) {
                    continue;
                }
                JsonObject operation = item.getJsonObject(method);
                String where = method.toUpperCase() + " " + path;
                if (operation.getJsonObject("responses", new JsonObject()).isEmpty()) {
                    problems.add(where + " has no responses");
                }
                if (operation.getString("operationId") == null) {
                    problems.add(where + " has no operationId");
                }
                Set<String> declared = new TreeSet<>();
                for (JsonArray list :
                        List.of(
                                item.getJsonArray("parameters", new JsonArray()),
                                operation.getJsonArray("parameters", new JsonArray()))) {
                    for (Object p : list) {
                        JsonObject param = resolve((JsonObject) p);
                        if ("path".equals(param.getString("in"))) {
                            declared.add(param.getString("name"));
                        }
                    }
                }
                Matcher m = parameter.matcher(path);
                while (m.find()) {
                    if (!declared.contains(m.group(1))) {
                        problems.add(where + " does not declare path parameter " + m.group(1));
                    }
                }
            }
        }
        Matcher refs = Pattern.compile("\"\\$ref\":\"([^\"]+)\"").matcher(document.encode());
        while (refs.find()) {
            if (pointer(refs.group(1)) == null) {
                problems.add("unresolvable $ref " + refs.group(1));
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName("is served at /api/v1/openapi.json without a token")
    void isServed() {
        TestHttp.Response response = app.http.get("/api/v1/openapi.json", null);
        assertEquals(200, response.status());
        assertEquals(document, new JsonObject(response.body()));
    }

    private static JsonObject resolve(JsonObject maybeRef) {
        String ref = maybeRef.getString("$ref");
        return ref == null ? maybeRef : (JsonObject) pointer(ref);
    }

    private static Object pointer(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        Object node = document;
        for (String part : ref.substring(2).split("/")) {
            if (!(node instanceof JsonObject object)) {
                return null;
            }
            node = object.getValue(part.replace("~1", "/").replace("~0", "~"));
        }
        return node;
    }
}
