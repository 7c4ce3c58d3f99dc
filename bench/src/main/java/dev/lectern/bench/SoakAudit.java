package dev.lectern.bench;

import dev.lectern.catalog.StorageKeys;
import dev.lectern.infra.storage.ObjectFiles;
import dev.lectern.infra.storage.ObjectStore.ObjectInfo;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the bucket and the catalog say once a soak settled: acknowledged uploads whose source is
 * gone ({@code lost}), lectures not ready, objects no row owns (keys of deleted lectures or of
 * versions no lecture serves) and playlist entries of published lectures missing from the bucket.
 */
record SoakAudit(long lost, long notReady, long unowned, long missing) {
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("URI=\"([^\"]+)\"");

    static SoakAudit of(SharedServers servers, List<String> uploaded) {
        Map<UUID, Row> lectures = new HashMap<>();
        for (Row row :
                servers.pool
                        .query("SELECT id, status, published_version FROM lectures")
                        .execute()
                        .await()) {
            lectures.put(row.getUUID("id"), row);
        }
        List<ObjectInfo> objects = servers.store.list("lectures/").await();
        Set<String> keys = new HashSet<>();
        objects.forEach(o -> keys.add(o.key()));
        long lost = 0;
        long notReady = 0;
        for (String id : uploaded) {
            UUID lecture = UUID.fromString(id);
            if (!lectures.containsKey(lecture) || !keys.contains(StorageKeys.source(lecture))) {
                lost++;
            } else if (!"ready".equals(lectures.get(lecture).getString("status"))) {
                notReady++;
            }
        }
        long unowned = 0;
        for (String key : keys) {
            UUID lecture = UUID.fromString(key.split("/")[1]);
            Row row = lectures.get(lecture);
            String rest = key.substring(StorageKeys.lecturePrefix(lecture).length());
            boolean version = rest.matches("v[0-9]+/.*");
            Integer published = row == null ? null : row.getInteger("published_version");
            if (row == null
                    || version && (published == null || !rest.startsWith("v" + published + "/"))) {
                unowned++;
            }
        }
        long missing = 0;
        for (Row row : lectures.values()) {
            Integer published = row.getInteger("published_version");
            if (published == null) {
                continue;
            }
            String prefix = StorageKeys.versionPrefix(row.getUUID("id"), published);
            missing += missingFiles(servers, keys, prefix, "master.m3u8");
        }
        return new SoakAudit(lost, notReady, unowned, missing);
    }

    /** Playlist entries (and the playlist itself) under {@code prefix} that are not in the bucket. */
    private static long missingFiles(
            SharedServers servers, Set<String> keys, String prefix, String playlist) {
        if (!keys.contains(prefix + playlist)) {
            return 1;
        }
        String text =
                ObjectFiles.read(servers.store, prefix + playlist)
                        .await()
                        .orElseThrow()
                        .toString(StandardCharsets.UTF_8);
        long missing = 0;
        String folder =
                playlist.contains("/") ? playlist.substring(0, playlist.lastIndexOf('/') + 1) : "";
        List<String> entries = new ArrayList<>();
        SoakBench.URI_LINE.matcher(text).results().forEach(r -> entries.add(r.group().trim()));
        URI_ATTRIBUTE.matcher(text).results().forEach(r -> entries.add(r.group(1)));
        for (String entry : entries) {
            String path = folder + entry;
            if (path.endsWith(".m3u8")) {
                missing += missingFiles(servers, keys, prefix, path);
            } else if (!keys.contains(prefix + path)) {
                missing++;
            }
        }
        return missing;
    }
}
