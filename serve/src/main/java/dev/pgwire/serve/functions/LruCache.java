package dev.pgwire.serve.functions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used cache for parsed templates and compiled patterns: a function is called
 * once per row with, usually, the same template, as PostgreSQL's own format-picture and regex caches
 * assume.
 */
final class LruCache<K, V> {
    private final int capacity;
    private final Map<K, V> map;

    LruCache(int capacity) {
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > LruCache.this.capacity;
            }
        };
    }

    /** The cached value, computing it (outside the lock, so a failing computation caches nothing) when absent. */
    V get(K key, Function<K, V> compute) {
        synchronized (map) {
            V v = map.get(key);
            if (v != null) return v;
        }
        V v = compute.apply(key);
        synchronized (map) {
            map.put(key, v);
        }
        return v;
    }
}
