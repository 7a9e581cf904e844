package io.openpe.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AotCacheTest {

    @TempDir
    Path root;

    private Path jar() throws Exception {
        Path jar = Service.ROUTE_SERVICE.runnerJar(root);
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        return jar;
    }

    @Test
    void withoutACacheOnlyTheFirstInstanceRecords() throws Exception {
        Path jar = jar();
        AotCache aot = new AotCache(true);
        List<String> first = aot.options(Service.ROUTE_SERVICE, root);
        assertEquals(List.of("-XX:AOTMode=record", "-XX:AOTConfiguration="
                + jar.resolveSibling(AotCache.CONFIGURATION)), first);
        assertTrue(AotCache.records(first));
        assertEquals(List.of(), aot.options(Service.ROUTE_SERVICE, root));
    }

    @Test
    void aCacheNewerThanTheJarIsUsedByEveryInstance() throws Exception {
        Path cache = jar().resolveSibling(AotCache.FILE);
        Files.writeString(cache, "cache");
        Files.setLastModifiedTime(cache, FileTime.fromMillis(2_000_000));
        AotCache aot = new AotCache(true);
        for (int instance = 0; instance < 2; instance++) {
            List<String> options = aot.options(Service.ROUTE_SERVICE, root);
            assertEquals(List.of("-XX:AOTCache=" + cache), options);
            assertFalse(AotCache.records(options));
        }
    }

    @Test
    void aCacheOlderThanTheJarIsRecordedAgain() throws Exception {
        Path cache = jar().resolveSibling(AotCache.FILE);
        Files.writeString(cache, "stale");
        Files.setLastModifiedTime(cache, FileTime.fromMillis(500_000));
        assertTrue(AotCache.records(new AotCache(true).options(Service.ROUTE_SERVICE, root)));
        assertFalse(Files.exists(cache));
    }

    @Test
    void offMeansPlainJvms() throws Exception {
        jar();
        assertEquals(List.of(), new AotCache(false).options(Service.ROUTE_SERVICE, root));
    }
}
