package dev.vae.app.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What was made from a file, kept while the file stays as it was: a file replaced (a new checkpoint
 * each epoch) has another modification time or size, and is read anew. Only the few most recently
 * used are kept, since each may be a whole model or data set.
 */
final class FileCache<V> {
    /** Makes the value of a file. */
    @FunctionalInterface
    interface Loader<V> {
        V load(Path file) throws IOException;
    }

    private record Key(Path file, FileTime modified, long size) {
    }

    private final Map<Key, V> values;

    FileCache(int capacity) {
        this.values = new LinkedHashMap<>(capacity + 1, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value of the file as it is now; made under the lock, so that one file is never read twice at once. */
    synchronized V get(Path file, Loader<V> loader) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Key key = new Key(file, attributes.lastModifiedTime(), attributes.size());
        V value = values.get(key);
        if (value == null) {
            value = loader.load(file);
            values.keySet().removeIf(k -> k.file().equals(file));
            values.put(key, value);
        }
        return value;
    }
}
